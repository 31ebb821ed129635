package io.ecsgate.gate;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.deployment.DeploymentState;
import io.ecsgate.classifier.deployment.FollowedDeployment;
import io.ecsgate.classifier.deployment.JudgementKind;
import io.ecsgate.classifier.sdk.EcsSdkServices;
import io.ecsgate.diagnosis.SdkErrors;
import java.time.Clock;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/**
 * What --rollback does, without waiting for it: where our ServiceDeployment is followed and still
 * under way, ECS's own rollback (StopServiceDeployment ROLLBACK, which restores the previous
 * revision the way the circuit breaker does); else an update back to the task definition the
 * service ran before. Skipped where it would do harm or nothing: the previous revision is unknown
 * or the same, or another deployment took over (rolling back would undo it).
 */
final class Rollback {
  private final EcsClient ecs;
  private final GateListener listener;
  private final Clock clock;

  Rollback(EcsClient ecs, GateListener listener, Clock clock) {
    this.ecs = ecs;
    this.listener = listener;
    this.clock = clock;
  }

  /** @return one line saying what was done, for the report */
  String restore(DeploymentGate.ServiceView view) {
    Watched w = view.watched();
    if (w == null || w.previousTaskDefinition() == null) {
      return "no rollback: the previous task definition is not known";
    }
    if (Arns.taskDefinition(w.previousTaskDefinition()).equals(Arns.taskDefinition(w.taskDefinition()))) {
      return "no rollback: the deployment ran the same task definition as before ("
          + Arns.taskDefinition(w.taskDefinition()) + ")";
    }
    if (view.verdict().kind() == JudgementKind.TAKEN_OVER) {
      return "no rollback: another deployment took over, rolling back would undo it";
    }
    FollowedDeployment followed = view.followed();
    if (followed != null && ("IN_PROGRESS".equals(followed.status()) || "PENDING".equals(followed.status()))) {
      try {
        ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(followed.arn()).stopType(StopServiceDeploymentStopType.ROLLBACK));
        String note = "asked ECS to roll back " + w.service() + " (StopServiceDeployment ROLLBACK of " + followed.arn()
            + "; not waited for)";
        listener.note(w.service(), note, clock.instant());
        return note;
      } catch (SdkException e) {
        listener.note(w.service(), "ECS's own rollback was refused (" + SdkErrors.oneLine(e)
            + "): restoring the previous task definition instead", clock.instant());
      }
    }
    try {
      String id = EcsSdkServices.fromSdk(ecs.updateService(b -> b.cluster(w.cluster()).service(w.service())
          .taskDefinition(w.previousTaskDefinition()).forceNewDeployment(true)).service())
          .primary().map(DeploymentState::id).orElse("?");
      String note = "ecs-gate rolled back " + w.service() + " to " + Arns.taskDefinition(w.previousTaskDefinition())
          + " (deployment " + id + "; not waited for)";
      listener.note(w.service(), note, clock.instant());
      return note;
    } catch (SdkException e) {
      return "rollback to " + Arns.taskDefinition(w.previousTaskDefinition()) + " failed: " + SdkErrors.oneLine(e);
    }
  }
}
