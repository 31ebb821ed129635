package io.ecsgate.classifier.deployment;

import io.ecsgate.classifier.Category;

/** What a judgement rests on, one small record per kind of fact. */
public sealed interface Evidence {

  /** Nothing beyond the kind (pending). */
  record None() implements Evidence {}

  /** The service's counts when the judgement was made (stable, pending, not steady). */
  record Counts(int running, int desired, int pending, int deployments) implements Evidence {}

  /** The service's status (INACTIVE, DRAINING). */
  record Status(String status) implements Evidence {}

  /**
   * Another deployment replaced ours (rollback or takeover).
   *
   * @param reason our deployment's rollout state reason, or null
   */
  record Replaced(String ours, String other, String otherTaskDefinition, String reason) implements Evidence {}

  /** Our deployment's rollout state and ECS's reason for it. */
  record Rollout(String deploymentId, String rolloutState, String reason) implements Evidence {}

  /**
   * A count of failures against its threshold.
   *
   * @param deploymentId the deployment they belong to, or null when counted over the service
   * @param window how many observations the count was taken over (diagnose's newest stopped tasks),
   *     or 0 when counted since the deployment started
   * @param category the newest failure's category, or null
   * @param exitCode the newest failure's exit code, or null
   * @param message the newest failure's message (a placement or service event), or null
   */
  record Failures(String deploymentId, int count, int threshold, int window, Category category, Integer exitCode,
      String message) implements Evidence {}
}
