package io.ecsgate.classifier;

import java.time.Instant;

/**
 * An EventBridge {@code ECS Hook State Change} event: a deployment lifecycle hook changed status
 * (HOOK_IN_PROGRESS, HOOK_AWAITING_ACTION, HOOK_SUCCEEDED, HOOK_FAILED, HOOK_TIMED_OUT). A PAUSE
 * hook awaits someone's ContinueServiceDeployment; a Lambda hook is the user's function.
 *
 * @param hookType PAUSE, or the Lambda hook's type as ECS writes it; null when the event does not say
 * @param lifecycleStage the stage the hook belongs to, e.g. POST_TEST_TRAFFIC_SHIFT
 * @param serviceDeploymentArn the ServiceDeployment ({@code ...:service-deployment/CLUSTER/SERVICE/ID});
 *     not the {@code ecs-svc/...} id that deployment state changes carry
 * @param expiresAt when ECS takes the hook's timeout action (ROLLBACK unless configured otherwise)
 */
public record HookEvent(
    String cluster, String service, String eventType, String eventName, String hookId, String hookType,
    String lifecycleStage, String serviceDeploymentArn, Instant expiresAt, Instant updatedAt)
    implements EcsSignal {

  @Override
  public String kind() {
    return "hook";
  }

  /** Whether this hook waits for a person (or a pipeline) to call ContinueServiceDeployment. */
  public boolean isPause() {
    return "PAUSE".equalsIgnoreCase(hookType);
  }
}
