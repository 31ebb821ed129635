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
  /**
   * ECS's failedTasks: tasks that never reached RUNNING or failed their health checks; a task that
   * ran and then exited is not one (DG-FD). Reset when a task turns healthy (resetOnHealthyTask).
   */
  int failedTasks;
  /** Every task of it that stopped with a failure, after RUNNING too: what "unable to consistently start" counts. */
  int stoppedFailures;
  /** Failed launches since the last healthy task: the relaunch back-off grows with them. */
  int failuresInARow;
  String rolloutState = "IN_PROGRESS";
  String rolloutStateReason;
  long updatedAt;
  /** How many tasks it has launched so far: picks each new task's fate. */
  int launched;
  /** A launch (or a placement retry) is already scheduled. */
  boolean launchPending;
  boolean startImpairedReported;
  /** "has reached a steady state." was reported for it (once it is the only deployment). */
  boolean steadyReported;
  /** Blue/green, linear, canary: its lifecycleStage; null for ROLLING. */
  String stage;
  /** The requested traffic weights of its revision, 0 to 100. */
  double productionWeight;
  double testWeight;
  /** Its PAUSE hook, once one was reached: id, status, expiry, and the stage it holds back. */
  String hookId;
  String hookStatus;
  long hookExpiresAt;
  String pendingStage;
  /** When a restored deployment may complete at the earliest (epoch millis; 0: at once). */
  long settlesAt;

  /** Its ServiceDeployment (ListServiceDeployments, DescribeServiceDeployments). */
  final ServiceDeploymentRecord record;

  DeploymentState(String id, String taskDefinitionArn, long createdAt, boolean scripted, int desiredCount,
      ServiceDeploymentRecord record) {
    this.record = record;
    this.id = id;
    this.taskDefinitionArn = taskDefinitionArn;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.scripted = scripted;
    this.desiredCount = desiredCount;
  }
}
