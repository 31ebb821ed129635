package io.ecsgate.classifier.deployment;

import io.ecsgate.classifier.Verdict;

/**
 * What the gate counted itself since our deployment started, beside the snapshot.
 *
 * @param failedTasks our deployment's stopped tasks whose verdict alerts
 * @param placementFailed ECS reported that it could not place a task and no task started since,
 *     for more than one poll (ECS reports an identical placement failure once, then only after it
 *     was resolved or about six hours passed: waiting for more would only time out)
 * @param placementMessage that report, or null
 * @param followed our ServiceDeployment as DescribeServiceDeployments describes it, or null where
 *     that API does not answer (then the judge reads DescribeServices alone)
 * @param deterministic the verdict of the first of our tasks that failed for a cause retrying cannot
 *     fix (an image that does not exist, a secret the role may not read), or null
 */
public record Observed(int failedTasks, boolean placementFailed, String placementMessage, FollowedDeployment followed,
    Verdict deterministic) {
  public static final Observed NOTHING = new Observed(0, false, null, null, null);

  public Observed(int failedTasks, boolean placementFailed, String placementMessage) {
    this(failedTasks, placementFailed, placementMessage, null, null);
  }

  public Observed(int failedTasks, boolean placementFailed, String placementMessage, FollowedDeployment followed) {
    this(failedTasks, placementFailed, placementMessage, followed, null);
  }
}
