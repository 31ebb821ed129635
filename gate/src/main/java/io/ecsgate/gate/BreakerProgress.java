package io.ecsgate.gate;

import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * The circuit breaker's own progress ("failureCount/threshold"), from ListServiceDeployments and
 * DescribeServiceDeployments (2024 APIs). Shown beside our own count where the API answers; where
 * it does not (older endpoints, proxies, missing permission), it is asked once and then left alone,
 * since the verdict never depends on it.
 */
final class BreakerProgress {
  private final EcsClient ecs;
  private volatile boolean unavailable;

  BreakerProgress(EcsClient ecs) {
    this.ecs = ecs;
  }

  /** "2/3", or null when the API does not answer or no breaker watches the deployment. */
  String of(Watched w) {
    if (unavailable) {
      return null;
    }
    try {
      List<ServiceDeploymentBrief> inProgress = ecs.listServiceDeployments(b -> b.cluster(w.cluster())
          .service(w.service()).status(ServiceDeploymentStatus.IN_PROGRESS)).serviceDeployments();
      if (inProgress.isEmpty()) {
        return null;
      }
      List<ServiceDeployment> deployments = ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(
          inProgress.get(0).serviceDeploymentArn())).serviceDeployments();
      ServiceDeploymentCircuitBreaker breaker = deployments.isEmpty() ? null : deployments.get(0).deploymentCircuitBreaker();
      if (breaker == null || breaker.failureCount() == null || breaker.threshold() == null) {
        return null;
      }
      return breaker.failureCount() + "/" + breaker.threshold();
    } catch (SdkException e) {
      unavailable = true;
      return null;
    }
  }
}
