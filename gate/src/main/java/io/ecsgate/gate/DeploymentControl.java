package io.ecsgate.gate;

import io.ecsgate.classifier.deployment.FollowedDeployment;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/**
 * What a person does to a deployment under way: go on past a PAUSE hook that awaits them
 * (ContinueServiceDeployment), or have ECS roll it back (StopServiceDeployment ROLLBACK). Both act
 * on the service's ServiceDeployment that is PENDING or IN_PROGRESS.
 */
public final class DeploymentControl {
  /** Nothing to act on: no deployment under way, or none paused. */
  public static final class NothingToDo extends RuntimeException {
    NothingToDo(String message) {
      super(message, null, false, false);
    }
  }

  private final EcsClient ecs;

  public DeploymentControl(EcsClient ecs) {
    this.ecs = ecs;
  }

  /**
   * Continues (or, with {@code rollback}, rolls back at) the PAUSE hook awaiting action.
   *
   * @return one line saying what was done
   * @throws NothingToDo when no deployment under way waits at a hook
   */
  public String resume(String cluster, String service, boolean rollback) {
    ServiceDeployment d = underWay(cluster, service);
    FollowedDeployment.Hook hook = ServiceDeploymentFollower.fromSdk(d).pausedAt();
    if (hook == null) {
      throw new NothingToDo("the deployment of " + service + " under way (" + d.serviceDeploymentArn()
          + ") waits at no lifecycle hook");
    }
    ecs.continueServiceDeployment(b -> b.serviceDeploymentArn(d.serviceDeploymentArn()).hookId(hook.id())
        .action(rollback ? DeploymentLifecycleHookAction.ROLLBACK : DeploymentLifecycleHookAction.CONTINUE));
    return (rollback ? "asked ECS to roll back at" : "continued past") + " lifecycle hook " + hook.id() + " of "
        + d.serviceDeploymentArn();
  }

  /**
   * Has ECS roll back the deployment under way, as its circuit breaker would.
   *
   * @return one line saying what was done
   * @throws NothingToDo when no deployment is under way
   */
  public String rollBack(String cluster, String service) {
    ServiceDeployment d = underWay(cluster, service);
    ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(d.serviceDeploymentArn())
        .stopType(StopServiceDeploymentStopType.ROLLBACK));
    return "asked ECS to roll back " + d.serviceDeploymentArn() + " (StopServiceDeployment ROLLBACK; "
        + "follow it with: ecs-gate wait --cluster " + cluster + " --service " + service + ")";
  }

  private ServiceDeployment underWay(String cluster, String service) {
    List<ServiceDeploymentBrief> briefs = ecs.listServiceDeployments(b -> b.cluster(cluster).service(service)
        .status(ServiceDeploymentStatus.PENDING, ServiceDeploymentStatus.IN_PROGRESS)).serviceDeployments();
    ServiceDeploymentBrief newest = briefs.stream()
        .max(Comparator.comparing(ServiceDeploymentBrief::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())))
        .orElseThrow(() -> new NothingToDo("no deployment of " + service + " is under way"));
    List<ServiceDeployment> found = ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(newest.serviceDeploymentArn()))
        .serviceDeployments();
    if (found.isEmpty()) {
      throw new NothingToDo("the deployment of " + service + " under way (" + newest.serviceDeploymentArn()
          + ") could not be described");
    }
    return found.get(0);
  }
}
