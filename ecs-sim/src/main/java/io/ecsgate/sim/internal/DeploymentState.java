package io.ecsgate.sim.internal;

/** One entry of {@code services[].deployments}. */
final class DeploymentState {
  final String id;
  final String taskDefinitionArn;
  final long createdAt;
  /** Started by UpdateService, so its tasks follow the scenario; seeded and rollback ones run healthy. */
  final boolean scripted;
  String status = "PRIMARY";
  int desiredCount;
  int failedTasks;
  String rolloutState = "IN_PROGRESS";
  String rolloutStateReason;
  long updatedAt;
  /** How many tasks it has launched so far: picks each new task's fate. */
  int launched;
  /** A launch (or a placement retry) is already scheduled. */
  boolean launchPending;
  boolean startImpairedReported;

  DeploymentState(String id, String taskDefinitionArn, long createdAt, boolean scripted, int desiredCount) {
    this.id = id;
    this.taskDefinitionArn = taskDefinitionArn;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.scripted = scripted;
    this.desiredCount = desiredCount;
  }
}
