package io.ecsgate.gate;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.deployment.DeploymentJudge;
import io.ecsgate.classifier.deployment.FollowedDeployment;
import io.ecsgate.classifier.deployment.JudgementKind;
import io.ecsgate.classifier.deployment.Observed;
import io.ecsgate.classifier.deployment.ServiceState;
import io.ecsgate.classifier.deployment.Watch;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceResult;
import io.ecsgate.classifier.sdk.EcsSdkServices;
import io.ecsgate.diagnosis.CredentialsUnavailableException;
import io.ecsgate.diagnosis.EcsReads;
import io.ecsgate.diagnosis.SdkErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The deploy gate: starts (or adopts) a deployment on each service, polls until every one has a
 * verdict from the {@link DeploymentJudge}, then diagnoses the ones that did not end stable. The
 * same path serves deploy and wait; deploy only adds the start. Progress goes to a
 * {@link GateListener}; nothing here prints.
 *
 * <p>A hand-written loop rather than the SDK's generic {@code Waiter}: each poll also lists our
 * deployment's stopped tasks and keeps state across polls (tasks already counted), which the
 * Waiter's stateless acceptors cannot hold.
 *
 * <p>Threads: {@link #run} owns every piece of mutable state and, after each change, publishes an
 * immutable {@link Snapshot}. {@link #cancelled} (a shutdown hook) reads only that snapshot.
 */
public final class DeploymentGate {

  /** Builds the failure report of one service; the diagnosis module's Diagnoser in production. */
  @FunctionalInterface
  public interface Diagnosis {
    ServiceDiagnosis diagnose(String cluster, String service, String deploymentId, Instant since);
  }

  /** Waits between polls; tests may pass a faster one. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final EcsClient ecs;
  private final EcsReads reads;
  private final StopClassifier classifier;
  private final Diagnosis diagnosis;
  private final GateListener listener;
  private final Clock clock;
  private final Sleeper sleeper;
  private final String region;
  private final DeploymentJudge judge = new DeploymentJudge();
  private final ServiceDeploymentFollower follower;
  private boolean followerUnavailableNoted;
  private final Rollback rollback;
  private final Instant startedAt;
  /** Owned by the thread in {@link #run}. */
  private final Map<String, Tracked> tracked = new LinkedHashMap<>();
  private volatile Snapshot snapshot;

  public DeploymentGate(EcsClient ecs, EcsReads reads, StopClassifier classifier, Diagnosis diagnosis,
      GateListener listener, Clock clock, Sleeper sleeper, String region) {
    this.ecs = ecs;
    this.reads = reads;
    this.classifier = classifier;
    this.diagnosis = diagnosis;
    this.listener = listener;
    this.clock = clock;
    this.sleeper = sleeper;
    this.region = region;
    this.startedAt = clock.instant();
    this.follower = new ServiceDeploymentFollower(ecs);
    this.rollback = new Rollback(ecs, listener, clock);
  }

  /** State of one service while it is gated; touched by the poll thread only. */
  private static final class Tracked {
    final String service;
    Watched watched;
    FailedTaskTracker tracker;
    PlacementTracker placements;
    int failAfter;
    ServiceState last;
    /** Our ServiceDeployment's ARN once found, and what it said at the last poll. */
    String followedArn;
    FollowedDeployment followed;
    /** --until could not be honoured, and the listener was told. */
    boolean untilNoted;
    GateVerdict verdict = GateVerdict.PENDING;

    Tracked(String service) {
      this.service = service;
    }

    ServiceView view() {
      return new ServiceView(service, watched, verdict, last, tracker == null ? 0 : tracker.failed(), followed);
    }
  }

  /** An immutable copy of one service's state, for the cancel path and the report. */
  record ServiceView(String service, Watched watched, GateVerdict verdict, ServiceState last, int failedTasks,
      FollowedDeployment followed) {

    /** The circuit breaker's own "failureCount/threshold", or null where ECS does not say. */
    String breakerProgress() {
      FollowedDeployment.Breaker b = followed == null ? null : followed.breaker();
      return b == null || !b.enabled() ? null : b.failureCount() + "/" + b.threshold();
    }
  }

  /** Everything the cancel path needs, published by the poll thread after each change. */
  record Snapshot(GateRequest request, Map<String, ServiceView> services) {
    /** One result per service asked for, in the order asked. */
    List<ServiceView> inRequestOrder() {
      return request.services().stream().map(services::get).toList();
    }
  }

  public FailureReport run(GateRequest request) throws InterruptedException {
    for (String s : request.services()) {
      tracked.put(s, new Tracked(s));
    }
    publish(request);
    EcsReads.ServicesAnswer answer = firstLook(request);
    if (answer != null) {
      start(request, answer);
      publish(request);
      poll(request);
    }
    publish(request);
    return finish(request);
  }

  /**
   * What is known now, for a cancelled job (SIGTERM, Ctrl-C): services still pending are reported
   * as cancelled, and rolled back first when --rollback is set. Reads the last snapshot only.
   */
  public FailureReport cancelled() {
    Snapshot s = snapshot;
    if (s == null) {
      return new FailureReport("deploy", region, startedAt, Duration.between(startedAt, clock.instant()), List.of());
    }
    GateRequest r = s.request();
    List<ServiceResult> results = new ArrayList<>();
    for (ServiceView v : s.inRequestOrder()) {
      ServiceView view = v.verdict().isFinal() ? v : new ServiceView(v.service(), v.watched(),
          GateVerdict.cancelled("cancelled before a verdict (the job was stopped)"), v.last(), v.failedTasks(),
          v.followed());
      String note = r.rollback() && !view.verdict().outcome().passed() ? rollback.restore(view) : null;
      results.add(result(r, view, null, note));
    }
    return new FailureReport(r.deploys() ? "deploy" : "wait", region, startedAt,
        Duration.between(startedAt, clock.instant()), results);
  }

  private void publish(GateRequest r) {
    Map<String, ServiceView> views = new LinkedHashMap<>();
    tracked.forEach((name, t) -> views.put(name, t.view()));
    snapshot = new Snapshot(r, Collections.unmodifiableMap(views));
  }

  /**
   * The first DescribeServices, retried like any poll: a throttled or failing API at the start is
   * no more a verdict than later. Null when the gate already knows the outcome.
   */
  private EcsReads.ServicesAnswer firstLook(GateRequest r) throws InterruptedException {
    Instant deadline = r.pollsEndAt(startedAt);
    Duration backoff = r.pollInterval();
    while (true) {
      try {
        return reads.describeServices(r.cluster(), r.services());
      } catch (ClusterNotFoundException e) {
        notGatedAll("cluster " + r.cluster() + " not found" + region());
        return null;
      } catch (AccessDeniedException e) {
        notGatedAll(SdkErrors.oneLine(e));
        return null;
      } catch (SdkException e) {
        if (CredentialsUnavailableException.in(e) != null || isRefusal(e)) {
          notGatedAll(SdkErrors.oneLine(e));
          return null;
        }
        backoff = nextBackoff(backoff, r.pollInterval());
        listener.pollFailed(SdkErrors.oneLine(e), backoff, clock.instant());
        if (clock.instant().plus(backoff).isAfter(deadline)) {
          timeOut("could not read the services within " + format(r.timeout()) + ": " + SdkErrors.oneLine(e));
          return null;
        }
        sleeper.sleep(backoff);
      }
    }
  }

  private void start(GateRequest r, EcsReads.ServicesAnswer answer) {
    for (Failure f : answer.failures()) {
      Tracked t = tracked.get(Arns.serviceName(f.arn()));
      if (t != null) {
        t.verdict = GateVerdict.notGated("service " + t.service + " " + describe(f) + " in cluster " + r.cluster() + region());
      }
    }
    DeploymentStarter starter = new DeploymentStarter(ecs, reads, clock);
    for (Service s : answer.services()) {
      Tracked t = tracked.get(s.serviceName());
      if (t == null) {
        continue;
      }
      ServiceState state = EcsSdkServices.fromSdk(s);
      if (!state.isActive()) {
        t.verdict = GateVerdict.notGated("service " + s.serviceName() + " is " + s.status());
        continue;
      }
      try {
        DeploymentStarter.requireEcsController(s);
        t.watched = r.deploys() ? starter.deploy(r.cluster(), s, r.change()) : starter.adopt(r.cluster(), state);
      } catch (IllegalArgumentException | IllegalStateException e) {
        t.verdict = GateVerdict.notGated(e.getMessage());
        continue;
      } catch (AwsServiceException e) {
        t.verdict = GateVerdict.notGated("failed to " + (r.deploys() ? "deploy " : "read ") + s.serviceName() + ": "
            + SdkErrors.oneLine(e));
        continue;
      } catch (SdkException e) {
        // No answer at all (connection dropped, timeout): UpdateService may or may not have run, and
        // retrying it could start a second deployment. Say so rather than guess.
        t.verdict = GateVerdict.notGated("failed to " + (r.deploys() ? "deploy " : "read ") + s.serviceName() + ": "
            + SdkErrors.oneLine(e)
            + (r.deploys() ? " (the update may have been applied: check the service's deployments)" : ""));
        continue;
      }
      t.last = state;
      t.failAfter = r.failAfter() > 0 ? r.failAfter() : DeploymentJudge.breakerThreshold(state.desiredCount());
      t.tracker = new FailedTaskTracker(reads, classifier, t.watched);
      t.placements = new PlacementTracker(classifier, t.watched, r.placementGrace());
      listener.started(t.watched, r.deploys());
    }
    for (Tracked t : pending()) {
      if (t.watched == null) {
        // Neither the service nor a failure for it: not an ECS answer to judge by (an endpoint
        // that is not ECS, a proxy answering {}). Polling it until the timeout would only hide that.
        t.verdict = GateVerdict.notGated("DescribeServices named neither service " + t.service
            + " nor a failure for it" + region() + ": is --endpoint-url an ECS endpoint?");
      }
    }
  }

  private void poll(GateRequest r) throws InterruptedException {
    Instant deadline = r.pollsEndAt(startedAt);
    Duration backoff = r.pollInterval();
    int attempts = 0;
    while (!pending().isEmpty()) {
      attempts++;
      boolean failedPoll = false;
      try {
        pollOnce(r);
        backoff = r.pollInterval();
        listener.pollRecovered();
      } catch (ClusterNotFoundException e) {
        pending().forEach(t -> t.verdict = GateVerdict.notGated("cluster " + r.cluster() + " not found"));
        return;
      } catch (AccessDeniedException e) {
        pending().forEach(t -> t.verdict = GateVerdict.notGated(SdkErrors.oneLine(e)));
        return;
      } catch (SdkException e) {
        // Throttling, 5xx, timeouts, network errors: the SDK already retried; wait longer and poll again.
        failedPoll = true;
        backoff = nextBackoff(backoff, r.pollInterval());
        listener.pollFailed(SdkErrors.oneLine(e), backoff, clock.instant());
      }
      publish(r);
      if (pending().isEmpty()) {
        return;
      }
      Duration wait = failedPoll ? backoff : r.pollInterval();
      if (r.maxAttempts() > 0 && attempts >= r.maxAttempts()) {
        timeOut("no verdict after " + attempts + " polls (--max-attempts)");
        return;
      }
      if (clock.instant().plus(wait).isAfter(deadline)) {
        timeOut("no verdict within " + format(r.timeout()) + " (--timeout)");
        return;
      }
      sleeper.sleep(wait);
    }
  }

  private void pollOnce(GateRequest r) {
    List<Tracked> pending = pending();
    EcsReads.ServicesAnswer answer = reads.describeServices(r.cluster(), pending.stream().map(t -> t.service).toList());
    Instant now = clock.instant();
    for (Failure f : answer.failures()) {
      Tracked t = tracked.get(Arns.serviceName(f.arn()));
      if (t != null && !t.verdict.isFinal()) {
        t.verdict = GateVerdict.failed("service " + t.service + " " + describe(f) + " while the deployment was under way");
      }
    }
    for (Service s : answer.services()) {
      Tracked t = tracked.get(s.serviceName());
      if (t == null || t.verdict.isFinal()) {
        continue;
      }
      for (FailedTaskTracker.NewStop stop : t.tracker.poll()) {
        listener.taskStopped(t.watched, stop.task(), stop.verdict(), now);
      }
      t.last = EcsSdkServices.fromSdk(s);
      follow(r, t);
      listener.polled(new ServiceProgress(t.watched, t.last, EcsSdkServices.events(s), t.tracker.failed(), t.failAfter,
          t.followed), now);
      t.placements.observe(s.events(), oursPlaced(s, t.watched), now);
      t.verdict = GateVerdict.of(judge.judge(t.last,
          new Watch(t.watched.deploymentId(), t.watched.previousTaskDefinition(), t.failAfter, r.untilStage()),
          new Observed(t.tracker.failed(), t.placements.failed(), t.placements.lastMessage(), t.followed,
              t.tracker.deterministic())));
      if (t.verdict.isFinal()) {
        listener.decided(t.service, t.verdict.outcome(), t.verdict.why(), now);
      }
    }
  }

  /**
   * Finds our ServiceDeployment (retrying while ECS does not list it yet) and reads it. Where the
   * API does not answer, says so once; the judge then reads DescribeServices alone. Where the
   * breaker's threshold is visible, it is --fail-after's default.
   */
  private void follow(GateRequest r, Tracked t) {
    if (t.followedArn == null) {
      t.followedArn = follower.find(t.watched, r.deploys() ? t.watched.startedAt() : null);
    }
    FollowedDeployment now = follower.describe(t.followedArn);
    if (now != null) {
      t.followed = now;
    }
    if (follower.unavailable() != null && !followerUnavailableNoted) {
      followerUnavailableNoted = true;
      listener.note(null, "the ServiceDeployments API does not answer (" + follower.unavailable()
          + "): judging from DescribeServices alone", clock.instant());
    }
    if (r.untilStage() != null && !t.untilNoted && (follower.unavailable() != null
        || t.followed != null && t.followed.lifecycleStage() == null && !t.followed.succeeded())) {
      t.untilNoted = true;
      listener.note(t.service, "--until " + r.untilStage() + ": " + (follower.unavailable() != null
          ? "stages are read from the ServiceDeployments API, which does not answer"
          : "this deployment reports no lifecycle stages (ROLLING)") + "; waiting for its verdict", clock.instant());
    }
    FollowedDeployment.Breaker b = t.followed == null ? null : t.followed.breaker();
    if (r.failAfter() <= 0 && b != null && b.enabled() && b.threshold() > 0) {
      t.failAfter = b.threshold();
    }
  }

  private FailureReport finish(GateRequest r) {
    List<ServiceResult> results = new ArrayList<>();
    for (ServiceView v : snapshot.inRequestOrder()) {
      Outcome o = v.verdict().outcome();
      ServiceDiagnosis d = null;
      if ((o == Outcome.FAILED || o == Outcome.TIMED_OUT) && v.watched() != null) {
        d = diagnose(v.watched());
      }
      String note = null;
      if (o == Outcome.FAILED && r.rollback()) {
        note = v.verdict().kind() == JudgementKind.ROLLED_BACK
            ? "ECS already rolled back: nothing for ecs-gate to do" : rollback.restore(v);
      }
      results.add(result(r, v, d, note));
    }
    return new FailureReport(r.deploys() ? "deploy" : "wait", region, startedAt,
        Duration.between(startedAt, clock.instant()), results);
  }

  private ServiceDiagnosis diagnose(Watched w) {
    try {
      return diagnosis.diagnose(w.cluster(), w.service(), w.deploymentId(), w.startedAt());
    } catch (SdkException e) {
      listener.note(w.service(), "could not fetch the stopped tasks' reasons: " + SdkErrors.oneLine(e), clock.instant());
      return null;
    }
  }

  private ServiceResult result(GateRequest r, ServiceView v, ServiceDiagnosis d, String rollbackNote) {
    Watched w = v.watched();
    ServiceState s = v.last();
    String rollout = s == null || w == null ? null
        : s.deployment(w.deploymentId()).map(x -> x.rolloutState()).orElse(null);
    return new ServiceResult(r.cluster(), v.service(), v.verdict().outcome(), v.verdict().why(),
        w == null ? null : w.deploymentId(),
        w == null ? null : Arns.taskDefinition(w.taskDefinition()),
        w == null || w.previousTaskDefinition() == null ? null : Arns.taskDefinition(w.previousTaskDefinition()),
        s == null ? 0 : s.desiredCount(), s == null ? 0 : s.runningCount(), s == null ? 0 : s.pendingCount(),
        v.failedTasks(), rollout, v.breakerProgress(), Duration.between(startedAt, clock.instant()), rollbackNote, d);
  }

  /** Running plus pending tasks of our deployment, as DescribeServices counts them. */
  private static int oursPlaced(Service s, Watched w) {
    return s.deployments().stream().filter(d -> w.deploymentId().equals(d.id()))
        .mapToInt(d -> (d.runningCount() == null ? 0 : d.runningCount()) + (d.pendingCount() == null ? 0 : d.pendingCount()))
        .sum();
  }

  private List<Tracked> pending() {
    return tracked.values().stream().filter(t -> !t.verdict.isFinal()).toList();
  }

  private void timeOut(String why) {
    for (Tracked t : pending()) {
      String because = why + pausedAt(t);
      t.verdict = GateVerdict.timedOut(because);
      listener.decided(t.service, Outcome.TIMED_OUT, because, clock.instant());
    }
  }

  /** "; paused at lifecycle hook …" when a PAUSE hook of ours awaits someone, else "". */
  private static String pausedAt(Tracked t) {
    FollowedDeployment.Hook hook = t.followed == null ? null : t.followed.pausedAt();
    if (hook == null) {
      return "";
    }
    return "; the deployment is paused at lifecycle hook " + hook.id() + " (after stage " + t.followed.lifecycleStage()
        + ") awaiting action until " + (hook.expiresAt() == null ? "?" : hook.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + " (then " + hook.timeoutAction() + ")";
  }

  private void notGatedAll(String why) {
    tracked.values().forEach(t -> t.verdict = GateVerdict.notGated(why));
  }

  private String region() {
    return region == null ? "" : " (region " + region + ")";
  }

  private static String describe(Failure f) {
    return "MISSING".equals(f.reason()) ? "not found" : "unavailable (" + f.reason() + ")";
  }

  /**
   * A 4xx answer that is not throttling (a bad parameter, an unknown operation, a signature the
   * endpoint rejects): the same request will be refused again, so the first look does not retry it.
   */
  private static boolean isRefusal(SdkException e) {
    return e instanceof AwsServiceException s && s.statusCode() >= 400 && s.statusCode() < 500
        && !s.isThrottlingException() && s.statusCode() != 408;
  }

  /** Doubles the wait after each failed poll, up to 30 s (or the poll interval, if longer). */
  private static Duration nextBackoff(Duration current, Duration interval) {
    Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
    Duration doubled = current.multipliedBy(2);
    return doubled.compareTo(cap) <= 0 ? doubled : cap;
  }

  /** As --timeout is written: 15m, 90s, 1500ms. */
  static String format(Duration d) {
    if (d.toMillisPart() != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    return s % 60 == 0 && s >= 60 ? (s / 60) + "m" : s + "s";
  }
}
