package io.ecsgate.lambda;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.HookEvent;
import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.diagnosis.ConsoleLinks;
import io.ecsgate.slack.SlackAlert.Details;
import java.util.ArrayList;
import java.util.List;

/**
 * What an alerting {@code ECS Hook State Change} is for the Lambda: one incident per paused hook
 * (keyed and delivered by its hookId, so however often ECS or EventBridge says it, one message is
 * posted), and one per service deployment whose hooks failed or timed out.
 *
 * <p>A failed hook's deployment may also send {@code SERVICE_DEPLOYMENT_FAILED}. That event names
 * the deployment {@code ecs-svc/...}, a hook event its service deployment ARN, and nothing public
 * maps one to the other, so the keys differ; {@link DeploymentFailureJoin} makes them one incident
 * by service and time (whichever came first keeps its message and the other adds to its count).
 */
final class HookFindings {
  private HookFindings() {}

  static Finding of(HookEvent h, Verdict v, SourcedSignal sourced, ConsoleLinks links) {
    String cluster = Arns.clusterName(h.cluster());
    String service = Arns.serviceName(h.service());
    boolean paused = v.category() == Category.DEPLOYMENT_PAUSED;
    String deploymentId = Arns.deploymentPart(h.serviceDeploymentArn(), 3);
    // A pause per hookId (linear/canary pause at every step with a new one); failures per deployment.
    String discriminator = paused || deploymentId == null ? h.hookId() : deploymentId;
    AlertKey key = new AlertKey(cluster, "service:" + service, v.category(), discriminator);
    IncidentFacts facts = new IncidentFacts(paused ? "pause" : "hook", sourced.region(), v.summary(), v.hint(), null,
        null, v.evidence().reason(), links.service(cluster, service), null, null);
    Delivery delivery = paused && h.hookId() != null ? Delivery.ofPausedHook(h.hookId())
        : Delivery.ofEvent(sourced.eventId(), sourced.path());
    return new Finding(key, facts, h.cluster() != null && h.cluster().startsWith("arn:") ? h.cluster() : null,
        delivery, List.of(details(h)));
  }

  /** The hook as ECS described it: the thread reply of the incident's first message. */
  private static Details details(HookEvent h) {
    List<String> lines = new ArrayList<>();
    lines.add("hook " + h.hookId() + (h.hookType() == null ? "" : " (" + h.hookType() + ")")
        + (h.lifecycleStage() == null ? "" : " at stage " + h.lifecycleStage()));
    lines.add("event " + h.eventName() + (h.updatedAt() == null ? "" : " at " + h.updatedAt()));
    if (h.expiresAt() != null) {
      lines.add("expires " + h.expiresAt() + ": then ECS takes the hook's timeout action (ROLLBACK unless set to CONTINUE)");
    }
    if (h.serviceDeploymentArn() != null) {
      lines.add("service deployment " + h.serviceDeploymentArn());
    }
    return new Details("Lifecycle hook", lines, false);
  }
}
