package io.ecsgate.classifier.internal;

import static io.ecsgate.classifier.Category.*;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.DeploymentEvent;
import io.ecsgate.classifier.Evidence;
import io.ecsgate.classifier.ServiceAction;
import io.ecsgate.classifier.ServiceEvent;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.deployment.DeploymentJudge;
import io.ecsgate.classifier.deployment.JudgementKind;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The default policy for service-level signals: EventBridge service actions and deployment state
 * changes (by event name), and DescribeServices event messages (by key phrase). These reveal what no
 * stopped task does: a task that can never be placed never stops.
 */
public final class ServiceSignalJudge {
  private final DeploymentJudge deployments = new DeploymentJudge();


  /** @param deterministic retrying cannot fix what it names (see {@code Verdict.deterministic}) */
  /** @param rule the rule name after {@code default:service-event.}; null: the key phrase's */
  private record Meaning(Category category, String headline, String hint, boolean deterministic, String rule) {
    Meaning(Category category, String headline, String hint, boolean deterministic) {
      this(category, headline, hint, deterministic, null);
    }

    Meaning(Category category, String headline, String hint) {
      this(category, headline, hint, false);
    }
  }

  /** Availability Zone rebalancing's messages (expected, no alert), each phrase one rule name. */
  private static final Meaning AZ_REBALANCING = new Meaning(DEPLOYMENT_OR_SCALING,
      "Service %s is rebalancing tasks across Availability Zones", KnownReasons.AZ_REBALANCING_HINT, false,
      "az-rebalancing");

  private static final String NOTHING_TO_DO = "Nothing to do.";

  /**
   * The older wording of a scale-in, "(service X) stopped 2 running tasks." (no "has", no task list):
   * judged as its successor "has stopped", rule name included.
   */
  private static final Pattern OLD_STOPPED_TASKS = Pattern.compile("\\bstopped \\d+ running tasks?\\b");

  private static final String HAS_STOPPED = "has stopped";

  private static final Map<String, Meaning> SERVICE_ACTIONS = Map.of(
      "SERVICE_STEADY_STATE", new Meaning(STEADY_STATE, "Service %s reached a steady state", NOTHING_TO_DO),
      "CAPACITY_PROVIDER_STEADY_STATE",
      new Meaning(STEADY_STATE, "Capacity provider of service %s reached a steady state", NOTHING_TO_DO),
      "SERVICE_TASK_PLACEMENT_FAILURE", new Meaning(PLACEMENT, "Service %s cannot place tasks",
          "Add capacity or relax placement constraints; the service events name the missing resource."),
      "SERVICE_DAEMON_PLACEMENT_CONSTRAINT_VIOLATED", new Meaning(PLACEMENT,
          "Daemon service %s violates a placement constraint",
          "Check the daemon's placement constraints against the instances' attributes."),
      "SERVICE_TASK_START_IMPAIRED", new Meaning(SERVICE_IMPAIRED,
          "Service %s cannot consistently start tasks",
          "Look at the service's stopped tasks: their stopped reasons say why they fail to start."),
      "SERVICE_TASK_CONFIGURATION_FAILURE", new Meaning(CONFIGURATION,
          "Service %s has a configuration ECS cannot apply",
          "Read the event's reason: tags, roles or load balancer settings are rejected."),
      "SERVICE_DISCOVERY_INSTANCE_UNHEALTHY", new Meaning(SERVICE_DISCOVERY,
          "Service discovery reports an instance of %s unhealthy",
          "Check the Cloud Map health check and the task's container health check."),
      "ECS_OPERATION_THROTTLED", new Meaning(UNKNOWN, "ECS throttled operations for service %s",
          "Too many ECS API calls in the account: look for scripts polling ECS in a tight loop."),
      // INFO events of AZ rebalancing (track-service-rebalancing.html); its placement failure comes as
      // SERVICE_TASK_PLACEMENT_FAILURE (ERROR) and still alerts
      "SERVICE_REBALANCING_STARTED", new Meaning(DEPLOYMENT_OR_SCALING,
          "Service %s started rebalancing tasks across Availability Zones", KnownReasons.AZ_REBALANCING_HINT),
      "SERVICE_REBALANCING_COMPLETED", new Meaning(DEPLOYMENT_OR_SCALING,
          "Service %s is balanced across Availability Zones", KnownReasons.AZ_REBALANCING_HINT));

  /**
   * The INFO actions in which the scheduler started or stopped tasks on purpose: AZ rebalancing
   * sends them (track-service-rebalancing.html), and the service events page lists TASKS_STOPPED
   * for any stop of running tasks. Apart from SERVICE_ACTIONS only because Map.of stops at ten.
   */
  private static final Map<String, Meaning> TASK_ACTIONS = Map.of(
      "TASKS_STARTED", new Meaning(DEPLOYMENT_OR_SCALING, "Service %s started tasks", KnownReasons.AZ_REBALANCING_HINT),
      "TASKS_STOPPED", new Meaning(DEPLOYMENT_OR_SCALING, "Service %s stopped running tasks",
          "Nothing to do: ECS stopped the tasks on purpose (Availability Zone rebalancing, scale-in or a"
              + " deployment). If rebalancing stops hurt (long requests, local state), set the service's"
              + " availabilityZoneRebalancing to DISABLED."));

  /** DescribeServices messages by key phrase; first match wins. Alert as the category implies. */
  private static final List<Map.Entry<String, Meaning>> SERVICE_MESSAGES = List.of(
      Map.entry("has reached a steady state", new Meaning(STEADY_STATE, "Service %s reached a steady state", NOTHING_TO_DO)),
      // "(service S) (deployment ecs-svc/...) deployment failed: alarm detected.": the alarm's metric
      // says why, not the tasks (they may be running fine)
      Map.entry("deployment failed: alarm", new Meaning(DEPLOYMENT_FAILED,
          "A CloudWatch alarm failed a deployment of service %s", KnownReasons.ALARM_ROLLBACK_HINT, false,
          "deployment-failed.alarm")),
      Map.entry("deployment failed", new Meaning(DEPLOYMENT_FAILED, "A deployment of service %s failed",
          "The deployment circuit breaker gave up: see the stopped tasks of the failed deployment.")),
      Map.entry("rolling back to deployment", new Meaning(DEPLOYMENT_FAILED, "Service %s is rolling back",
          "The new deployment failed and ECS restored the previous one: see its stopped tasks.")),
      Map.entry("unable to consistently start tasks", new Meaning(SERVICE_IMPAIRED,
          "Service %s cannot consistently start tasks",
          "Look at the service's stopped tasks: their stopped reasons say why they fail to start.")),
      // "was unable to place a task. Reason: CannotPullContainerError: ... descriptor matching
      // platform 'linux/amd64'": the image lacks the architecture; capacity is not the cause.
      Map.entry(KnownReasons.IMAGE_LACKS_PLATFORM.get(0), new Meaning(IMAGE_PULL,
          "Service %s cannot start tasks: the image lacks the task's platform",
          KnownReasons.IMAGE_LACKS_PLATFORM_HINT, true)),
      Map.entry("was unable to place a task", new Meaning(PLACEMENT, "Service %s cannot place a task",
          "Add capacity (instances or a capacity provider), lower the task's cpu/memory, or relax"
              + " placement constraints; the message names the missing resource.")),
      Map.entry("capacity is unavailable", new Meaning(PLACEMENT, "Service %s found no capacity",
          "Fargate or the capacity provider has no capacity in the chosen AZs: add subnets in other AZs"
              + " or retry later.")),
      Map.entry("failed elb health checks", new Meaning(HEALTH_CHECK_ELB,
          "A task of service %s failed the load balancer health check", KnownReasons.ELB_HEALTH.hint())),
      Map.entry("is unhealthy in (target-group", new Meaning(HEALTH_CHECK_ELB,
          "A target of service %s is unhealthy", KnownReasons.ELB_HEALTH.hint())),
      Map.entry("failed container health checks", new Meaning(HEALTH_CHECK_CONTAINER,
          "A task of service %s failed its container health check", KnownReasons.CONTAINER_HEALTH.hint())),
      Map.entry("unable to assume", new Meaning(CONFIGURATION, "Service %s cannot use its IAM role",
          "Check the role's trust policy allows ecs-tasks.amazonaws.com (or ecs.amazonaws.com)"
              + " and that the role exists.")),
      Map.entry("failed to launch a task", new Meaning(CONFIGURATION, "Service %s failed to launch a task",
          "Read the error in the message: roles, subnets, security groups or the task definition are"
              + " rejected.")),
      Map.entry("failed to register targets", new Meaning(CONFIGURATION,
          "Service %s failed to register targets", "Check the target group's type and port against"
              + " the task's network mode.")),
      // After every failure phrase: "has started 1 tasks in us-east-1c to AZ Rebalance: ...", "has
      // stopped 1 running tasks in us-east-1a due to AZ rebalancing: ...", "is not AZ balanced ... AZ
      // Rebalancing in progress.", "is AZ balanced with ..." (service-rebalancing-event-messages-list)
      Map.entry("az rebalanc", AZ_REBALANCING),
      Map.entry("is az balanced", AZ_REBALANCING),
      Map.entry("deployment completed", new Meaning(DEPLOYMENT_OR_SCALING, "A deployment of service %s completed", NOTHING_TO_DO)),
      Map.entry("has started", new Meaning(DEPLOYMENT_OR_SCALING, "Service %s started tasks", NOTHING_TO_DO)),
      Map.entry(HAS_STOPPED, new Meaning(DEPLOYMENT_OR_SCALING, "Service %s stopped tasks", NOTHING_TO_DO)),
      Map.entry("registered", new Meaning(DEPLOYMENT_OR_SCALING, "Service %s registered targets", NOTHING_TO_DO)),
      Map.entry("draining connections", new Meaning(DEPLOYMENT_OR_SCALING, "Service %s is draining connections", NOTHING_TO_DO)));

  public Verdict judge(ServiceAction action) {
    String name = action.eventName() == null ? "" : action.eventName();
    boolean warns = "WARN".equalsIgnoreCase(action.eventType()) || "ERROR".equalsIgnoreCase(action.eventType());
    // The headline is a format string: an event name is the event's text, so its '%' must stay a '%'.
    Meaning m = SERVICE_ACTIONS.getOrDefault(name, TASK_ACTIONS.get(name));
    m = m != null ? m : new Meaning(UNKNOWN,
        "Service %s reported " + (name.isEmpty() ? "an event" : name.replace("%", "%%")), warns
            ? "ECS flagged this " + action.eventType() + " event: check the service's events."
            : NOTHING_TO_DO);
    String summary = String.format(m.headline(), subject(action.service()));
    if (!Text.isBlank(action.reason())) {
      summary += ": " + Text.excerpt(action.reason());
    }
    return new Verdict(warns, m.category(), summary, m.hint(),
        new Evidence(null, null, null, null, action.reason()),
        "default:service-action." + (name.isEmpty() ? "unnamed" : name.toLowerCase(java.util.Locale.ROOT)));
  }

  public Verdict judge(DeploymentEvent event) {
    String name = event.eventName() == null ? "" : event.eventName();
    String deployment = event.deploymentId() == null ? "" : " " + event.deploymentId();
    String service = subject(event.service());
    Evidence evidence = new Evidence(null, null, null, null, event.reason());
    String reason = Text.isBlank(event.reason()) ? "" : ": " + Text.excerpt(event.reason());
    // Whether ECS rolled back is the deployment judge's call, as it is for the gate and diagnose.
    JudgementKind kind = deployments.judgeEvent(event).kind();
    // An alarm's rollback is not the breaker's: the tasks may be fine, the alarm's metric says why.
    boolean byAlarm = KnownReasons.byAlarm(event.reason());
    if (name.equals("SERVICE_DEPLOYMENT_FAILED")) {
      return new Verdict(true, DEPLOYMENT_FAILED,
          "Deployment" + deployment + " of service " + service + " failed" + reason,
          byAlarm ? KnownReasons.ALARM_ROLLBACK_HINT
              : kind == JudgementKind.ROLLED_BACK
              ? "ECS rolled back to the previous deployment: the stopped tasks of the failed one say why."
              : "The deployment circuit breaker stopped the deployment: the stopped tasks say why.",
          evidence, byAlarm ? "default:deployment-failed.alarm" : "default:deployment-failed");
    }
    if (kind == JudgementKind.ROLLED_BACK) {
      return new Verdict(true, DEPLOYMENT_FAILED,
          "Service " + service + " is rolling back a failed deployment" + reason,
          byAlarm ? KnownReasons.ALARM_ROLLBACK_HINT
              : "The circuit breaker gave up on the new deployment: the stopped tasks of that deployment say"
                  + " why.", evidence, byAlarm ? "default:deployment-rollback.alarm" : "default:deployment-rollback");
    }
    return switch (name) {
      case "SERVICE_DEPLOYMENT_IN_PROGRESS", "SERVICE_DEPLOYMENT_COMPLETED" -> new Verdict(false,
          DEPLOYMENT_OR_SCALING,
          "Deployment" + deployment + " of service " + service
              + (name.endsWith("COMPLETED") ? " completed" : " in progress") + reason,
          NOTHING_TO_DO, evidence, "default:deployment-" + (name.endsWith("COMPLETED") ? "completed" : "in-progress"));
      default -> new Verdict("ERROR".equalsIgnoreCase(event.eventType()), UNKNOWN,
          "Deployment" + deployment + " of service " + service + " reported " + name + reason,
          "Check the service's events.", evidence, "default:deployment-other");
    };
  }

  public Verdict judge(ServiceEvent event) {
    String lower = Text.lower(event.message());
    for (Map.Entry<String, Meaning> e : SERVICE_MESSAGES) {
      if (lower.contains(e.getKey())) {
        return messageVerdict(e, event);
      }
    }
    if (OLD_STOPPED_TASKS.matcher(lower).find()) {
      return messageVerdict(SERVICE_MESSAGES.stream().filter(e -> e.getKey().equals(HAS_STOPPED))
          .findFirst().orElseThrow(), event);
    }
    return new Verdict(false, UNKNOWN, "Service " + subject(event.service()) + ": " + Text.excerpt(event.message()),
        "An informational service event.", new Evidence(null, null, null, null, event.message()),
        "default:service-event.other");
  }

  private static Verdict messageVerdict(Map.Entry<String, Meaning> e, ServiceEvent event) {
    Meaning m = e.getValue();
    boolean alert = m.category() != STEADY_STATE && m.category() != DEPLOYMENT_OR_SCALING;
    return new Verdict(alert, m.category(),
        String.format(m.headline(), subject(event.service())) + ": " + Text.excerpt(event.message()),
        m.hint(), new Evidence(null, null, null, null, event.message()),
        "default:service-event." + (m.rule() != null ? m.rule() : e.getKey().replace(' ', '-').replace("(", "")),
        alert && m.deterministic());
  }

  private static String subject(String service) {
    return service == null ? "(unknown)" : service;
  }
}
