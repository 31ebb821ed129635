package io.ecsgate.classifier.sdk;

import io.ecsgate.classifier.deployment.DeploymentState;
import io.ecsgate.classifier.deployment.ServiceState;
import io.ecsgate.classifier.report.ServiceEventLine;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * Maps a DescribeServices {@link Service} of the AWS SDK for Java v2 onto the judge's model. Counts
 * ECS leaves out become 0, and the boxed counts become ints once, here, so no caller compares
 * {@code Integer}s with {@code ==}.
 */
public final class EcsSdkServices {
  private EcsSdkServices() {}

  public static ServiceState fromSdk(Service s) {
    return new ServiceState(s.serviceName(), s.status(), count(s.desiredCount()), count(s.runningCount()),
        count(s.pendingCount()), s.taskDefinition(), s.deployments().stream().map(EcsSdkServices::fromSdk).toList());
  }

  public static DeploymentState fromSdk(Deployment d) {
    return new DeploymentState(d.id(), d.status(), d.rolloutStateAsString(), d.rolloutStateReason(),
        d.taskDefinition(), count(d.failedTasks()));
  }

  /** The service's events, newest first, as DescribeServices lists them; events without a time are left out. */
  public static List<ServiceEventLine> events(Service s) {
    return s.events().stream()
        .filter(e -> e.createdAt() != null)
        .sorted(Comparator.comparing(ServiceEvent::createdAt).reversed())
        .map(e -> new ServiceEventLine(e.createdAt(), e.message()))
        .toList();
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }
}
