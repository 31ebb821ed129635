package io.ecsgate.gate;

import io.ecsgate.classifier.deployment.DeploymentState;
import io.ecsgate.classifier.deployment.FollowedDeployment;
import io.ecsgate.classifier.deployment.ServiceState;
import io.ecsgate.classifier.report.ServiceEventLine;
import java.util.List;

/**
 * One poll's view of a gated service, as the listener gets it.
 *
 * @param events the service's events, newest first
 * @param failedTasks our deployment's failed tasks counted so far
 * @param failAfter the count that fails it
 * @param followed our ServiceDeployment (status, stage, traffic, breaker, hooks), or null where the
 *     ServiceDeployments API does not answer or has not listed it yet
 */
public record ServiceProgress(Watched watched, ServiceState service, List<ServiceEventLine> events, int failedTasks,
    int failAfter, FollowedDeployment followed) {

  /** Our deployment as this poll lists it, or null once ECS no longer does. */
  public DeploymentState ours() {
    return service.deployment(watched.deploymentId()).orElse(null);
  }
}
