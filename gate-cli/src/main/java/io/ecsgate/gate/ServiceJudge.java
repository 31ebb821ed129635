package io.ecsgate.gate;

import io.ecsgate.classifier.SafeText;

import io.ecsgate.classifier.Arns;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Judges one DescribeServices snapshot of a service against the deployment we watch. This is where
 * the awscli's {@code services-stable} waiter goes wrong: it only asks "one deployment and running
 * == desired", so a circuit-breaker rollback (one deployment, the old one, all running) passes, and
 * a crash loop is only noticed at the 10-minute limit. The rules, in order:
 *
 * <ol>
 *   <li>the service is INACTIVE or DRAINING: failed (it is being deleted);
 *   <li>another deployment is PRIMARY: a rollback when ours failed (rolloutState FAILED, or it is
 *       gone while the new primary runs the previous task definition), else a takeover;
 *   <li>our deployment's rolloutState is FAILED: failed (the circuit breaker gave up);
 *   <li>our own count of failed tasks reached the threshold: failed, without waiting for the
 *       breaker (its count can reset after one healthy task, and tasks that pass health checks and
 *       then die may never trip it);
 *   <li>as many "unable to place a task" events as that threshold: failed (no task ever stops);
 *   <li>ours is the only deployment and running == desired (or rolloutState COMPLETED): stable;
 *   <li>otherwise pending.
 * </ol>
 */
public final class ServiceJudge {

  public Judgement judge(Watched watched, Service service, int failedTasks, int failAfter) {
    return judge(watched, service, failedTasks, 0, null, failAfter);
  }

  public Judgement judge(Watched watched, Service service, int failedTasks, int placementFailures,
      String placementMessage, int failAfter) {
    String status = service.status();
    if ("INACTIVE".equals(status) || "DRAINING".equals(status)) {
      return Judgement.failed("service " + watched.service() + " is " + status + ": it is being deleted");
    }
    List<Deployment> deployments = service.deployments();
    Optional<Deployment> ours = deployments.stream().filter(d -> d.id().equals(watched.deploymentId())).findFirst();
    Optional<Deployment> primary = deployments.stream().filter(d -> "PRIMARY".equals(d.status())).findFirst();

    if (primary.isPresent() && !primary.get().id().equals(watched.deploymentId())) {
      Deployment other = primary.get();
      boolean oursFailed = ours.map(d -> d.rolloutState() == DeploymentRolloutState.FAILED).orElse(false);
      boolean backToPrevious = watched.previousTaskDefinition() != null
          && sameTaskDefinition(other.taskDefinition(), watched.previousTaskDefinition());
      if (oursFailed || (ours.isEmpty() && backToPrevious)) {
        return Judgement.rolledBack("deployment " + watched.deploymentId() + " failed and ECS rolled back to "
            + Arns.taskDefinition(other.taskDefinition()) + reasonOf(ours));
      }
      return Judgement.failed("another deployment (" + other.id() + ", "
          + Arns.taskDefinition(other.taskDefinition()) + ") took over from " + watched.deploymentId()
          + ": someone or something deployed in the meantime");
    }
    if (ours.isEmpty()) {
      return Judgement.failed("deployment " + watched.deploymentId() + " is no longer listed on the service");
    }
    Deployment d = ours.get();
    if (d.rolloutState() == DeploymentRolloutState.FAILED) {
      return Judgement.failed("the circuit breaker failed deployment " + d.id() + reasonOf(ours));
    }
    if (failedTasks >= failAfter) {
      return Judgement.failed(failedTasks + " task" + (failedTasks == 1 ? "" : "s") + " of deployment " + d.id()
          + " failed (threshold " + failAfter + ")");
    }
    if (placementFailures >= failAfter) {
      return Judgement.failed("ECS could not place tasks of deployment " + d.id() + " " + placementFailures
          + " times (threshold " + failAfter + ")" + (placementMessage == null ? ""
          : ": " + SafeText.oneLine(placementMessage, 300)));
    }
    boolean onlyOurs = deployments.size() == 1;
    boolean allRunning = service.runningCount() != null && service.desiredCount() != null
        && service.runningCount().intValue() == service.desiredCount().intValue();
    if (onlyOurs && (allRunning || d.rolloutState() == DeploymentRolloutState.COMPLETED)) {
      return Judgement.stable(service.desiredCount() == 0
          ? "desired count is 0 and no task runs"
          : service.runningCount() + "/" + service.desiredCount() + " tasks of deployment " + d.id() + " running");
    }
    return Judgement.PENDING;
  }

  /**
   * The circuit breaker's own threshold, the default of --fail-after: half the desired count,
   * rounded up, clamped to 3..200 (Amazon ECS deployment circuit breaker).
   */
  public static int breakerThreshold(int desiredCount) {
    return Math.max(3, Math.min(200, (desiredCount + 1) / 2));
  }

  private static boolean sameTaskDefinition(String a, String b) {
    return a != null && b != null && Arns.taskDefinition(a).equals(Arns.taskDefinition(b));
  }

  private static String reasonOf(Optional<Deployment> d) {
    return d.map(Deployment::rolloutStateReason).filter(r -> !r.isBlank()).map(r -> ": " + r).orElse("");
  }
}
