package io.ecsgate.classifier.deployment;

import java.time.Instant;
import java.util.List;

/**
 * The ServiceDeployment the gate follows by its ARN (ListServiceDeployments /
 * DescribeServiceDeployments, 2024-2026), without SDK types: where the API answers, its status
 * decides, not the counts of DescribeServices.
 *
 * @param status PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, STOP_REQUESTED, ROLLBACK_REQUESTED,
 *     ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED, or a value newer than this code
 * @param lifecycleStage BLUE_GREEN, LINEAR and CANARY only; null for ROLLING
 * @param traffic the requested traffic weights of our revision, or null where ECS reports none
 * @param rollbackReason why it rolls back, or null
 * @param triggeredAlarms the CloudWatch alarms that failed it
 * @param breaker the circuit breaker's own view, or null
 * @param hooks its lifecycle hooks, PAUSE ones AWAITING_ACTION included
 */
public record FollowedDeployment(String arn, String status, String statusReason, String lifecycleStage,
    Traffic traffic, String rollbackReason, List<String> triggeredAlarms, Breaker breaker, List<Hook> hooks) {

  public FollowedDeployment {
    triggeredAlarms = triggeredAlarms == null ? List.of() : List.copyOf(triggeredAlarms);
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
  }

  /** Requested weights, 0-100, of production and test traffic on our revision. */
  public record Traffic(double production, double test) {}

  /** {@code status} TRIGGERED, MONITORING, MONITORING_COMPLETE or DISABLED. */
  public record Breaker(String status, int failureCount, int threshold) {
    public boolean enabled() {
      return !"DISABLED".equals(status);
    }
  }

  /** One lifecycle hook; {@code type} PAUSE or AWS_LAMBDA. */
  public record Hook(String id, String type, String status, Instant expiresAt, String timeoutAction) {
    public boolean awaitingAction() {
      return "AWAITING_ACTION".equals(status);
    }
  }

  public boolean succeeded() {
    return "SUCCESSFUL".equals(status);
  }

  public boolean rollingBack() {
    return status != null && status.startsWith("ROLLBACK_");
  }

  public boolean stopped() {
    return "STOPPED".equals(status) || "STOP_REQUESTED".equals(status);
  }

  /** A status this code knows; an unknown one is shown once and treated as not finished. */
  public boolean knownStatus() {
    return switch (status == null ? "" : status) {
      case "PENDING", "IN_PROGRESS", "SUCCESSFUL", "STOPPED", "STOP_REQUESTED", "ROLLBACK_REQUESTED",
          "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED" -> true;
      default -> false;
    };
  }

  /** The PAUSE hook waiting for someone, or null. */
  public Hook pausedAt() {
    return hooks.stream().filter(Hook::awaitingAction).findFirst().orElse(null);
  }
}
