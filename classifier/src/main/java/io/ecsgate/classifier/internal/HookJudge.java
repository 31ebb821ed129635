package io.ecsgate.classifier.internal;

import static io.ecsgate.classifier.Category.DEPLOYMENT_FAILED;
import static io.ecsgate.classifier.Category.DEPLOYMENT_OR_SCALING;
import static io.ecsgate.classifier.Category.DEPLOYMENT_PAUSED;
import static io.ecsgate.classifier.Category.UNKNOWN;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Evidence;
import io.ecsgate.classifier.HookEvent;
import io.ecsgate.classifier.Verdict;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The default policy for {@code ECS Hook State Change} events (Amazon ECS developer guide, "service
 * deployment hook state change events"): a failed or timed-out hook rolls the deployment back (or
 * its timeout action decides), which a person must hear about; a PAUSE hook awaiting action is no
 * failure, but the deployment stands still until someone answers it, so it is said too, with the
 * commands that answer it. A hook in progress or succeeded is routine.
 */
public final class HookJudge {

  public Verdict judge(HookEvent hook) {
    String name = hook.eventName() == null ? "" : hook.eventName();
    return switch (name) {
      case "HOOK_FAILED" -> failed(hook);
      case "HOOK_TIMED_OUT" -> timedOut(hook);
      case "HOOK_AWAITING_ACTION" -> awaiting(hook);
      case "HOOK_IN_PROGRESS", "HOOK_SUCCEEDED" -> new Verdict(false, DEPLOYMENT_OR_SCALING,
          "Lifecycle hook " + hookName(hook) + " of service " + subject(hook)
              + (name.equals("HOOK_SUCCEEDED") ? " succeeded" : " in progress") + stage(hook),
          "Nothing to do.", evidence(hook), "default:" + ruleOf(name));
      default -> {
        boolean warns = "WARN".equalsIgnoreCase(hook.eventType()) || "ERROR".equalsIgnoreCase(hook.eventType());
        yield new Verdict(warns, UNKNOWN, "Lifecycle hook " + hookName(hook) + " of service " + subject(hook)
            + " reported " + (name.isEmpty() ? "an unnamed change" : name) + stage(hook),
            warns ? "ECS flagged this " + hook.eventType() + " hook event: check the service deployment"
                + deploymentCheck(hook) : "Nothing to do.", evidence(hook), "default:hook-other");
      }
    };
  }

  private static Verdict failed(HookEvent hook) {
    String why;
    if (hook.isPause()) {
      why = "Someone answered the pause hook with ROLLBACK (ContinueServiceDeployment, action ROLLBACK), so ECS"
          + " rolls the deployment back to the previous revision: ask who did and why (CloudTrail records the"
          + " ContinueServiceDeployment call) before deploying it again.";
    } else if (hook.hookType() != null) {
      why = "The hook's Lambda function answered hookStatus FAILED, returned no valid hookStatus or failed itself,"
          + " so ECS rolls the deployment back to the previous revision: read the function's CloudWatch logs for"
          + " this deployment to see which check failed.";
    } else {
      why = "ECS rolls the deployment back to the previous revision: for a Lambda hook read the function's logs"
          + " (it answered FAILED or failed); for a pause hook, someone answered it with ROLLBACK.";
    }
    return new Verdict(true, DEPLOYMENT_FAILED, "Lifecycle hook " + hookName(hook) + " of service " + subject(hook)
        + " failed" + stage(hook) + ": ECS rolls the deployment back", why, evidence(hook), "default:hook-failed");
  }

  private static Verdict timedOut(HookEvent hook) {
    String who = hook.isPause()
        ? "Nobody continued or rolled back the pause before it expired: ask who was meant to answer it (the"
            + " pipeline's manual job or the approver), and raise the hook's timeoutInMinutes if they need longer."
        : "The hook's Lambda function kept answering IN_PROGRESS until the hook's time ran out: read its"
            + " CloudWatch logs to see what it waited for.";
    return new Verdict(true, DEPLOYMENT_FAILED, "Lifecycle hook " + hookName(hook) + " of service " + subject(hook)
        + " timed out" + stage(hook) + ": ECS takes the hook's timeout action (ROLLBACK unless set to CONTINUE)",
        who + " The hook's timeoutConfiguration.action decides what happens now: ROLLBACK (the default) rolls the"
            + " deployment back, CONTINUE lets it go on; check the service deployment" + deploymentCheck(hook),
        evidence(hook), "default:hook-timed-out");
  }

  /** Who waits for what, until when, and the exact commands that answer it. */
  private static Verdict awaiting(HookEvent hook) {
    String cluster = Arns.clusterName(hook.cluster());
    String until = hook.expiresAt() == null ? ""
        : " until " + hook.expiresAt().truncatedTo(ChronoUnit.SECONDS) + " (then the hook's timeout action, ROLLBACK"
            + " by default)";
    String summary = "Deployment of service " + subject(hook) + " is paused" + stage(hook) + ": "
        + (hook.isPause() ? "pause hook " : "hook ") + hookName(hook)
        + " waits for someone to continue or roll it back" + until;
    String ecsGate = "ecs-gate continue --cluster " + (cluster == null ? "CLUSTER" : cluster) + " --service "
        + (hook.service() == null ? "SERVICE" : hook.service());
    String aws = "aws ecs continue-service-deployment --service-deployment-arn "
        + (hook.serviceDeploymentArn() == null ? "ARN" : hook.serviceDeploymentArn()) + " --hook-id "
        + (hook.hookId() == null ? "HOOK_ID" : hook.hookId());
    String hint = "Whoever approves this deployment decides. Continue: " + ecsGate + " (or " + aws
        + " --action CONTINUE). Roll back: " + ecsGate + " --rollback (or " + aws + " --action ROLLBACK).";
    return new Verdict(true, DEPLOYMENT_PAUSED, summary, hint, evidence(hook), "default:hook-awaiting-action");
  }

  /** What ECS said, in one quotable line: the event, its stage, its hook. */
  private static Evidence evidence(HookEvent hook) {
    return new Evidence(null, null, null, null, (hook.eventName() == null ? "hook state change" : hook.eventName())
        + (hook.lifecycleStage() == null ? "" : " at " + hook.lifecycleStage())
        + " (hook " + (hook.hookId() == null ? "without id" : hook.hookId())
        + (hook.hookType() == null ? "" : ", " + hook.hookType()) + ")"
        + (hook.expiresAt() == null ? "" : ", expires " + hook.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
  }

  private static String deploymentCheck(HookEvent hook) {
    return hook.serviceDeploymentArn() == null ? "'s status (aws ecs list-service-deployments)."
        : ": aws ecs describe-service-deployments --service-deployment-arns " + hook.serviceDeploymentArn() + ".";
  }

  private static String hookName(HookEvent hook) {
    String id = hook.hookId() == null ? "(no id)" : hook.hookId();
    return hook.hookType() == null ? id : id + " (" + hook.hookType() + ")";
  }

  private static String stage(HookEvent hook) {
    return hook.lifecycleStage() == null ? "" : " at " + hook.lifecycleStage();
  }

  private static String subject(HookEvent hook) {
    return hook.service() == null ? "(unknown)" : hook.service();
  }

  private static String ruleOf(String eventName) {
    return eventName.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
