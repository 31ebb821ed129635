package io.ecsgate.classifier;

import java.time.Instant;

/**
 * An EventBridge {@code ECS Deployment State Change} event: SERVICE_DEPLOYMENT_IN_PROGRESS,
 * _COMPLETED or _FAILED, with the deployment id and, on failure, the circuit breaker's reason.
 */
public record DeploymentEvent(
    String cluster, String service, String eventType, String eventName, String deploymentId,
    String reason, Instant updatedAt)
    implements EcsSignal {

  @Override
  public String kind() {
    return "deployment";
  }
}
