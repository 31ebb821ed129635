package io.ecsgate.classifier.deployment;

/**
 * What the gate counted itself since our deployment started, beside the snapshot.
 *
 * @param failedTasks our deployment's stopped tasks whose verdict alerts
 * @param placementFailures "unable to place a task" service events since it started
 * @param placementMessage the newest of those, or null
 */
public record Observed(int failedTasks, int placementFailures, String placementMessage) {
  public static final Observed NOTHING = new Observed(0, 0, null);
}
