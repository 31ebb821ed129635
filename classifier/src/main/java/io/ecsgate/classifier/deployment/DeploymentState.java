package io.ecsgate.classifier.deployment;

/**
 * One deployment of a service as DescribeServices lists it, without SDK types.
 *
 * @param status PRIMARY, ACTIVE or INACTIVE
 * @param rolloutState IN_PROGRESS, COMPLETED or FAILED; null where ECS sets none (a classic load
 *     balancer, no circuit breaker, an external controller)
 * @param failedTasks ECS's own count (reset once a task runs; informative only)
 */
public record DeploymentState(
    String id, String status, String rolloutState, String rolloutStateReason, String taskDefinition, int failedTasks) {

  public boolean isPrimary() {
    return "PRIMARY".equals(status);
  }

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }

  public boolean rolloutFailed() {
    return "FAILED".equals(rolloutState);
  }

  public boolean rolloutCompleted() {
    return "COMPLETED".equals(rolloutState);
  }
}
