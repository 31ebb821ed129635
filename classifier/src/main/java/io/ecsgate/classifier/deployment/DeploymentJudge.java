package io.ecsgate.classifier.deployment;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.DeploymentEvent;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.internal.KnownReasons;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides what a service's deployment state means: stable, still pending, or
 * failed and how (circuit breaker, rollback, takeover, failed tasks, placement). The gate asks it at
 * every poll, diagnose once, and the Lambda for each deployment event, so they cannot disagree.
 *
 * <p>This is where the awscli's {@code services-stable} waiter goes wrong: it only asks "one
 * deployment and running == desired", so a circuit-breaker rollback (one deployment, the old one,
 * all running) passes, and a crash loop is only noticed at the 10-minute limit.
 */
public final class DeploymentJudge {

  /**
   * Our deployment on one snapshot, for the gate. The rules, in order:
   *
   * <ol>
   *   <li>the service is INACTIVE or DRAINING: failed (it is being deleted);
   *   <li>where our ServiceDeployment is followed, its status: ROLLBACK_* failed and rolled back
   *       (naming the alarms, the breaker's count or the reason), STOPPED or STOP_REQUESTED failed;
   *       at or past the --until stage, reached; SUCCESSFUL stable (early success included, old
   *       tasks may still drain);
   *   <li>another deployment is PRIMARY: a rollback when ours failed (rolloutState FAILED, or it is
   *       gone while the new primary runs the previous task definition), else a takeover;
   *   <li>our deployment is no longer listed: failed;
   *   <li>our deployment's rolloutState is FAILED: failed (the circuit breaker gave up);
   *   <li>one of our tasks failed for a cause retrying cannot fix (the classifier's deterministic
   *       verdicts: an image that does not exist, a refused pull or secret, a missing command):
   *       failed at the first;
   *   <li>our own count of failed tasks reached the threshold: failed, without waiting for the
   *       breaker (its count can reset after one healthy task, and tasks that pass health checks and
   *       then die may never trip it);
   *   <li>ECS could not place a task and nothing started since (no task ever stops, and ECS does not
   *       repeat the event): failed;
   *   <li>where the ServiceDeployment is followed, nothing else is stable: a blue/green deployment
   *       runs both revisions through its bake, and an alarm may still roll it back;
   *   <li>ours is the only deployment and running == desired (or rolloutState COMPLETED): stable;
   *   <li>otherwise pending.
   * </ol>
   */
  public Judgement judge(ServiceState service, Watch watch, Observed observed) {
    if (!service.isActive() && service.status() != null) {
      return new Judgement(JudgementKind.INACTIVE, "service " + service.name() + " is " + service.status()
          + ": it is being deleted", new Evidence.Status(service.status()));
    }
    String id = watch.deploymentId();
    Optional<DeploymentState> ours = service.deployment(id);
    Optional<DeploymentState> primary = service.primary();
    FollowedDeployment followed = observed.followed();
    if (followed != null) {
      Judgement byStatus = byServiceDeployment(service, watch, followed);
      if (byStatus != null) {
        return byStatus;
      }
    }
    // A PRIMARY without an id (a damaged answer) is not ours either.
    if (primary.isPresent() && !Objects.equals(primary.get().id(), id)) {
      DeploymentState other = primary.get();
      String reason = ours.map(DeploymentState::rolloutStateReason).filter(r -> !r.isBlank()).orElse(null);
      Evidence.Replaced replaced = new Evidence.Replaced(id, other.id(), Arns.taskDefinition(other.taskDefinition()), reason);
      boolean oursFailed = ours.map(DeploymentState::rolloutFailed).orElse(false);
      boolean backToPrevious = watch.previousTaskDefinition() != null
          && sameTaskDefinition(other.taskDefinition(), watch.previousTaskDefinition());
      if (oursFailed || (ours.isEmpty() && backToPrevious)) {
        return new Judgement(JudgementKind.ROLLED_BACK, "deployment " + id + " failed and ECS rolled back to "
            + replaced.otherTaskDefinition() + suffix(reason), replaced);
      }
      return new Judgement(JudgementKind.TAKEN_OVER, "another deployment (" + other.id() + ", "
          + replaced.otherTaskDefinition() + ") took over from " + id
          + ": someone or something deployed in the meantime", replaced);
    }
    if (ours.isEmpty()) {
      return new Judgement(JudgementKind.DEPLOYMENT_GONE, "deployment " + id + " is no longer listed on the service",
          new Evidence.Rollout(id, null, null));
    }
    DeploymentState d = ours.get();
    if (d.rolloutFailed()) {
      return breaker(d);
    }
    int threshold = watch.failAfter();
    Verdict first = observed.deterministic();
    if (first != null) {
      // Nothing a retry changes: the third task would fail as the first did, minutes later.
      return new Judgement(JudgementKind.FAILED_TASKS, "a task of deployment " + d.id() + " failed for a cause retrying"
          + " cannot fix: " + first.category().name() + ": " + SafeText.oneLine(first.summary(), 300),
          new Evidence.Failures(d.id(), Math.max(1, observed.failedTasks()), 1, 0, first.category(),
              first.evidence().exitCode(), first.summary()));
    }
    if (observed.failedTasks() >= threshold) {
      int n = observed.failedTasks();
      return new Judgement(JudgementKind.FAILED_TASKS, n + " task" + (n == 1 ? "" : "s") + " of deployment " + d.id()
          + " failed (threshold " + threshold + ")",
          new Evidence.Failures(d.id(), n, threshold, 0, null, null, null));
    }
    if (observed.placementFailed()) {
      String message = observed.placementMessage();
      return new Judgement(JudgementKind.PLACEMENT, "ECS could not place tasks of deployment " + d.id()
          + (message == null ? "" : ": " + SafeText.oneLine(message, 300)),
          new Evidence.Failures(d.id(), 1, 1, 0, Category.PLACEMENT, null, message));
    }
    if (followed != null) {
      return Judgement.PENDING;
    }
    boolean onlyOurs = service.deployments().size() == 1;
    if (onlyOurs && (allRunning(service) || d.rolloutCompleted())) {
      return new Judgement(JudgementKind.STABLE, service.desiredCount() == 0
          ? "desired count is 0 and no task runs"
          : service.runningCount() + "/" + service.desiredCount() + " tasks of deployment " + d.id() + " running",
          counts(service));
    }
    return Judgement.PENDING;
  }

  /** What our ServiceDeployment's status decides on its own, or null when it has not finished. */
  private static Judgement byServiceDeployment(ServiceState service, Watch watch, FollowedDeployment sd) {
    String id = watch.deploymentId();
    if (sd.rollingBack()) {
      // The snapshot may predate the rollback by a moment: then what ran before ours is restored.
      String restored = service.primary().filter(p -> !Objects.equals(p.id(), id))
          .map(p -> Arns.taskDefinition(p.taskDefinition()))
          .orElse(watch.previousTaskDefinition() != null ? Arns.taskDefinition(watch.previousTaskDefinition())
              : "the previous revision");
      String cause = causeOf(sd);
      return new Judgement(JudgementKind.ROLLED_BACK, "deployment " + id + " failed and ECS rolled back to " + restored
          + " (service deployment " + sd.status() + ")" + (cause == null ? "" : ": " + cause),
          new Evidence.Replaced(id, null, restored, cause));
    }
    if (sd.stopped()) {
      String reason = sd.statusReason();
      return new Judgement(JudgementKind.STOPPED, "the service deployment of " + id + " was stopped (" + sd.status() + ")"
          + (reason == null ? "" : ": " + SafeText.oneLine(reason, 300)), new Evidence.Rollout(id, sd.status(), reason));
    }
    if (watch.untilStage() != null && LifecycleStages.reached(sd.lifecycleStage(), watch.untilStage())
        && ("IN_PROGRESS".equals(sd.status()) || sd.succeeded())) {
      return new Judgement(JudgementKind.REACHED_STAGE, "deployment " + id + " reached " + sd.lifecycleStage()
          + " (--until " + watch.untilStage() + "): ECS finishes it", counts(service));
    }
    if (sd.succeeded()) {
      String counts = service.runningCount() + "/" + service.desiredCount();
      return new Judgement(JudgementKind.STABLE, service.runningCount() == service.desiredCount()
          ? counts + " tasks of deployment " + id + " running"
          : "deployment " + id + " succeeded while the old tasks drain (" + counts + " running)", counts(service));
    }
    return null;
  }

  /** Why a followed deployment rolled back: its alarms, its breaker, or ECS's words. */
  private static String causeOf(FollowedDeployment sd) {
    if (!sd.triggeredAlarms().isEmpty()) {
      return "alarm " + String.join(", ", sd.triggeredAlarms()) + " in ALARM";
    }
    FollowedDeployment.Breaker breaker = sd.breaker();
    if (breaker != null && "TRIGGERED".equals(breaker.status())) {
      return "circuit breaker " + breaker.failureCount() + "/" + breaker.threshold() + " failed tasks";
    }
    String reason = sd.rollbackReason() != null ? sd.rollbackReason() : sd.statusReason();
    return reason == null ? null : SafeText.oneLine(reason, 300);
  }

  /**
   * The service as it is now, its PRIMARY deployment standing in for ours, for diagnose. The rules,
   * in order: the primary's rollout FAILED; one of the newest stopped tasks alerts; the newest
   * service event alerts (a placement failure, say); one deployment and running == desired is
   * stable; anything else is pending ("not steady yet", no failure seen).
   */
  public Judgement judgeNow(ServiceState service, Recent recent) {
    if (!service.isActive()) {
      return new Judgement(JudgementKind.INACTIVE, "service is " + service.status(),
          new Evidence.Status(service.status()));
    }
    Optional<DeploymentState> primary = service.primary();
    if (primary.isPresent() && primary.get().rolloutFailed()) {
      return breaker(primary.get());
    }
    if (recent.failedStops() > 0 && recent.newestFailure() != null) {
      var v = recent.newestFailure();
      Integer exit = v.evidence().exitCode();
      return new Judgement(JudgementKind.FAILED_TASKS, recent.failedStops() + " of the last " + recent.lookedAt()
          + " stopped tasks failed: " + v.category().name() + (exit == null ? "" : " (exit " + exit + ")"),
          new Evidence.Failures(primary.map(DeploymentState::id).orElse(null), recent.failedStops(), 1,
              recent.lookedAt(), v.category(), exit, null));
    }
    if (recent.newestEvent() != null && recent.newestEvent().alert()) {
      Category category = recent.newestEvent().category();
      return new Judgement(category == Category.PLACEMENT ? JudgementKind.PLACEMENT : JudgementKind.ALERTING_EVENT,
          "the newest service event says " + category.name() + ": " + SafeText.oneLine(recent.newestEventMessage(), 200),
          new Evidence.Failures(null, 1, 1, 1, category, null, recent.newestEventMessage()));
    }
    int n = service.deployments().size();
    String counts = service.runningCount() + "/" + service.desiredCount() + " running";
    if (n == 1 && allRunning(service)) {
      return new Judgement(JudgementKind.STABLE, "steady: " + counts + " on " + service.taskDefinitionName(),
          counts(service));
    }
    return new Judgement(JudgementKind.PENDING, "not steady yet: " + n + " deployment" + (n == 1 ? "" : "s") + ", "
        + counts + ", " + service.pendingCount() + " pending; no failed task among the last stopped ones",
        counts(service));
  }

  /**
   * One {@code ECS Deployment State Change} event, for the Lambda. ECS announces a circuit-breaker
   * rollback as an INFO {@code IN_PROGRESS} of the rollback deployment whose reason says "rolling
   * back": by then the deployment that was started has failed.
   */
  public Judgement judgeEvent(DeploymentEvent event) {
    String name = event.eventName() == null ? "" : event.eventName();
    String reason = event.reason() == null ? "" : event.reason().toLowerCase(Locale.ROOT);
    Evidence.Rollout rollout = new Evidence.Rollout(event.deploymentId(), name, event.reason());
    boolean rollingBack = reason.contains("rolling back");
    // The kinds stay the breaker's (FAILED_BREAKER is "ECS's failure detection failed it"); the words
    // name the alarm when ECS says one did it.
    String by = KnownReasons.byAlarm(event.reason()) ? " after a CloudWatch alarm went into ALARM" : "";
    if (name.equals("SERVICE_DEPLOYMENT_FAILED")) {
      return rollingBack || reason.contains("rollback")
          ? new Judgement(JudgementKind.ROLLED_BACK, "ECS rolled back to the previous deployment" + by, rollout)
          : new Judgement(JudgementKind.FAILED_BREAKER, by.isEmpty() ? "the circuit breaker stopped the deployment"
              : "ECS stopped the deployment" + by, rollout);
    }
    if (rollingBack) {
      return new Judgement(JudgementKind.ROLLED_BACK, "ECS is rolling back a failed deployment" + by, rollout);
    }
    return switch (name) {
      case "SERVICE_DEPLOYMENT_COMPLETED" -> new Judgement(JudgementKind.STABLE, "the deployment completed", rollout);
      default -> new Judgement(JudgementKind.PENDING, "the deployment reported " + name, rollout);
    };
  }

  /**
   * The circuit breaker's own threshold, the default of --fail-after: half the desired count,
   * rounded up, clamped to 3..200 (Amazon ECS deployment circuit breaker).
   */
  public static int breakerThreshold(int desiredCount) {
    return Math.max(3, Math.min(200, (desiredCount + 1) / 2));
  }

  private static Judgement breaker(DeploymentState d) {
    String reason = d.rolloutStateReason() == null || d.rolloutStateReason().isBlank() ? null : d.rolloutStateReason();
    return new Judgement(JudgementKind.FAILED_BREAKER, "the circuit breaker failed deployment " + d.id() + suffix(reason),
        new Evidence.Rollout(d.id(), d.rolloutState(), reason));
  }

  private static boolean allRunning(ServiceState s) {
    return s.runningCount() == s.desiredCount();
  }

  private static Evidence.Counts counts(ServiceState s) {
    return new Evidence.Counts(s.runningCount(), s.desiredCount(), s.pendingCount(), s.deployments().size());
  }

  private static boolean sameTaskDefinition(String a, String b) {
    return a != null && b != null && Arns.taskDefinition(a).equals(Arns.taskDefinition(b));
  }

  private static String suffix(String reason) {
    return reason == null ? "" : ": " + reason;
  }
}
