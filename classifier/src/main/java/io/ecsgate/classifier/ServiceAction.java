package io.ecsgate.classifier;

import java.time.Instant;

/**
 * An EventBridge {@code ECS Service Action} event: {@code eventType} INFO, WARN or ERROR and an
 * {@code eventName} such as SERVICE_TASK_PLACEMENT_FAILURE. {@code reason} is present on some.
 */
public record ServiceAction(
    String cluster, String service, String eventType, String eventName, String reason, Instant createdAt)
    implements EcsSignal {

  @Override
  public String kind() {
    return "service-action";
  }
}
