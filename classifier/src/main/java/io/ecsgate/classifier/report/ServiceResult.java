package io.ecsgate.classifier.report;

import java.time.Duration;

/**
 * How gating (or diagnosing) one service ended: the outcome, one line saying why, the last state
 * seen, and, when it did not end stable, the diagnosis of its stopped tasks.
 *
 * @param verdict one line a person understands, e.g. "3 tasks of deployment ecs-svc/123 failed: IMAGE_PULL"
 * @param deploymentId the deployment the gate watched (ours), or null for diagnose
 * @param taskDefinition the task definition of that deployment ({@code family:revision})
 * @param previousTaskDefinition what the service ran before, when known (for rollback)
 * @param breakerProgress "failureCount/threshold" from DescribeServiceDeployments, or null where it did not answer
 * @param rollbackNote what --rollback did, or null
 * @param diagnosis null when the outcome is STABLE
 */
public record ServiceResult(
    String cluster,
    String service,
    Outcome outcome,
    String verdict,
    String deploymentId,
    String taskDefinition,
    String previousTaskDefinition,
    int desiredCount,
    int runningCount,
    int pendingCount,
    int failedTasks,
    String rolloutState,
    String breakerProgress,
    Duration elapsed,
    String rollbackNote,
    ServiceDiagnosis diagnosis) {

  /** A service that could not be judged: nothing but its name, why, and how long that took to learn. */
  public static ServiceResult notGated(String cluster, String service, String why, Duration elapsed) {
    return new ServiceResult(cluster, service, Outcome.NOT_GATED, why, null, null, null, 0, 0, 0, 0, null, null, elapsed,
        null, null);
  }
}
