package io.ecsgate.sim.internal;

/**
 * What ListServiceDeployments and DescribeServiceDeployments tell of one deployment (API
 * ServiceDeployment): its own status, apart from the Deployment's rolloutState, and kept after
 * the deployment has left DescribeServices.
 */
final class ServiceDeploymentRecord {
  final String arn;
  final String revisionArn;
  /** The revision that was PRIMARY when it started, or null for the first. */
  final String sourceRevisionArn;
  final long createdAt;
  String status = "IN_PROGRESS";
  String statusReason;
  long finishedAt;
  long stoppedAt;
  long updatedAt;
  /** Set when it rolled back: why, when, and to which revision. */
  String rollbackReason;
  long rollbackStartedAt;
  String rollbackRevisionArn;
  /** The CloudWatch alarm that failed it, or null. */
  String triggeredAlarm;
  /** TRIGGERED once the circuit breaker failed it. */
  boolean breakerTriggered;

  ServiceDeploymentRecord(String arn, String revisionArn, String sourceRevisionArn, long createdAt) {
    this.arn = arn;
    this.revisionArn = revisionArn;
    this.sourceRevisionArn = sourceRevisionArn;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  boolean finished() {
    return switch (status) {
      case "SUCCESSFUL", "STOPPED", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED" -> true;
      default -> false;
    };
  }

  void succeed(long at) {
    status = "SUCCESSFUL";
    statusReason = null;
    finishedAt = at;
    updatedAt = at;
  }

  void stop(long at, String reason) {
    status = "STOPPED";
    statusReason = reason;
    stoppedAt = at;
    finishedAt = at;
    updatedAt = at;
  }

  void rollBack(long at, String reason, String toRevisionArn) {
    status = "ROLLBACK_IN_PROGRESS";
    statusReason = reason;
    rollbackReason = reason;
    rollbackStartedAt = at;
    rollbackRevisionArn = toRevisionArn;
    updatedAt = at;
  }

  void rolledBack(long at) {
    status = "ROLLBACK_SUCCESSFUL";
    finishedAt = at;
    updatedAt = at;
  }
}
