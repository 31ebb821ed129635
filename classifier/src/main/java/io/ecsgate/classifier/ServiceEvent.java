package io.ecsgate.classifier;

import java.time.Instant;

/**
 * One message of a service's event list as DescribeServices returns it, e.g. "(service web) was
 * unable to place a task because no container instance met all of its requirements."
 */
public record ServiceEvent(String cluster, String service, String id, String message, Instant createdAt)
    implements EcsSignal {

  @Override
  public String kind() {
    return "service-event";
  }
}
