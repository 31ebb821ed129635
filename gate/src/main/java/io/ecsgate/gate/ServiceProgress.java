package io.ecsgate.gate;

import io.ecsgate.classifier.deployment.DeploymentState;
import io.ecsgate.classifier.deployment.ServiceState;
import io.ecsgate.classifier.report.ServiceEventLine;
import java.util.List;

/**
 * One poll's view of a gated service, as the listener gets it.
 *
 * @param events the service's events, newest first
 * @param failedTasks our deployment's failed tasks counted so far
 * @param failAfter the count that fails it
 * @param breakerProgress the circuit breaker's own "failureCount/threshold", or null where ECS does not say
 */
public record ServiceProgress(Watched watched, ServiceState service, List<ServiceEventLine> events, int failedTasks,
    int failAfter, String breakerProgress) {

  /** Our deployment as this poll lists it, or null once ECS no longer does. */
  public DeploymentState ours() {
    return service.deployment(watched.deploymentId()).orElse(null);
  }
}
