package io.ecsgate.gate;

import io.ecsgate.classifier.report.Outcome;

import io.ecsgate.classifier.report.ServiceResult;

import io.ecsgate.classifier.report.FailureReport;

import io.ecsgate.diagnosis.EcsReads;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Arns;
import io.ecsgate.diagnosis.SdkErrors;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The deploy gate: starts (or adopts) a deployment on each service, polls until every one has a
 * verdict, then diagnoses the ones that did not end stable. The same path serves deploy and wait;
 * deploy only adds the start.
 *
 * <p>A hand-written loop rather than the SDK's generic {@code Waiter}: each poll also lists our
 * deployment's stopped tasks and keeps state across polls (tasks already counted, what was already
 * printed), which the Waiter's stateless acceptors cannot hold.
 */
public final class DeploymentGate {

  /** Builds the failure report of one service; the report package's Diagnoser in production. */
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
  private final ProgressPrinter progress;
  private final Clock clock;
  private final Sleeper sleeper;
  private final String region;
  private final ServiceJudge judge = new ServiceJudge();
  private final BreakerProgress breaker;
  private final Instant startedAt;
  private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
  private volatile GateRequest request;

  public DeploymentGate(EcsClient ecs, EcsReads reads, StopClassifier classifier, Diagnosis diagnosis,
      PrintWriter progressOut, Clock clock, Sleeper sleeper, String region) {
    this.ecs = ecs;
    this.reads = reads;
    this.classifier = classifier;
    this.diagnosis = diagnosis;
    this.clock = clock;
    this.sleeper = sleeper;
    this.region = region;
    this.startedAt = clock.instant();
    this.progress = new ProgressPrinter(progressOut, startedAt);
    this.breaker = new BreakerProgress(ecs);
  }

  /** State of one service while it is gated. */
  private static final class Tracked {
    final String service;
    volatile Watched watched;
    volatile FailedTaskTracker tracker;
    volatile PlacementTracker placements;
    volatile int failAfter;
    volatile Service last;
    volatile String breakerProgress;
    volatile Judgement judgement = Judgement.PENDING;

    Tracked(String service) {
      this.service = service;
    }
  }

  public FailureReport run(GateRequest request) throws InterruptedException {
    this.request = request;
    for (String s : request.services()) {
      tracked.put(s, new Tracked(s));
    }
    EcsReads.ServicesAnswer answer = firstLook(request);
    if (answer != null) {
      start(request, answer);
      poll(request);
    }
    return finish(request);
  }

  /**
   * The first DescribeServices, retried like any poll: a throttled or failing API at the start is
   * no more a verdict than later. Null when the gate already knows the outcome.
   */
  private EcsReads.ServicesAnswer firstLook(GateRequest r) throws InterruptedException {
    Instant deadline = startedAt.plus(r.timeout());
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
        if (isMissingCredentials(e)) {
          notGatedAll("no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE (or"
              + " --profile), or AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE (GitLab OIDC id_tokens)");
          return null;
        }
        backoff = nextBackoff(backoff, r.pollInterval());
        progress.pollError(SdkErrors.oneLine(e), backoff, clock.instant());
        if (clock.instant().plus(backoff).isAfter(deadline)) {
          timeOut("could not read the services within " + format(r.timeout()) + ": " + SdkErrors.oneLine(e));
          return null;
        }
        sleeper.sleep(backoff);
      }
    }
  }

  /**
   * What is known now, for a cancelled job (SIGTERM, Ctrl-C): services still pending are reported
   * as cancelled, and rolled back first when --rollback is set.
   */
  public FailureReport cancelled() {
    GateRequest r = request;
    if (r == null) {
      return new FailureReport("deploy", region, startedAt, Duration.between(startedAt, clock.instant()), List.of());
    }
    for (Tracked t : tracked.values()) {
      if (!t.judgement.isFinal()) {
        t.judgement = new Judgement(Outcome.TIMED_OUT, "cancelled before a verdict (the job was stopped)", false);
      }
    }
    List<ServiceResult> results = new ArrayList<>();
    for (String s : r.services()) {
      Tracked t = tracked.get(s);
      String note = r.rollback() && t.judgement.outcome() != Outcome.STABLE ? rollBack(t) : null;
      results.add(result(t, null, note));
    }
    return new FailureReport(r.deploys() ? "deploy" : "wait", region, startedAt,
        Duration.between(startedAt, clock.instant()), results);
  }

  private void start(GateRequest r, EcsReads.ServicesAnswer answer) {
    for (Failure f : answer.failures()) {
      Tracked t = tracked.get(Arns.serviceName(f.arn()));
      if (t != null) {
        t.judgement = new Judgement(Outcome.NOT_GATED, "service " + t.service + " " + describe(f) + " in cluster "
            + r.cluster() + region(), false);
      }
    }
    for (Service s : answer.services()) {
      Tracked t = tracked.get(s.serviceName());
      if (t == null) {
        continue;
      }
      if (!"ACTIVE".equals(s.status())) {
        t.judgement = new Judgement(Outcome.NOT_GATED, "service " + s.serviceName() + " is " + s.status(), false);
        continue;
      }
      try {
        DeploymentStarter starter = new DeploymentStarter(ecs, reads, clock);
        t.watched = r.deploys() ? starter.deploy(r.cluster(), s, r.change()) : starter.adopt(r.cluster(), s);
      } catch (IllegalArgumentException | IllegalStateException e) {
        t.judgement = new Judgement(Outcome.NOT_GATED, e.getMessage(), false);
        continue;
      } catch (AwsServiceException e) {
        t.judgement = new Judgement(Outcome.NOT_GATED, "failed to " + (r.deploys() ? "deploy " : "read ")
            + s.serviceName() + ": " + SdkErrors.oneLine(e), false);
        continue;
      } catch (SdkException e) {
        // No answer at all (connection dropped, timeout): UpdateService may or may not have run, and
        // retrying it could start a second deployment. Say so rather than guess.
        t.judgement = new Judgement(Outcome.NOT_GATED, "failed to " + (r.deploys() ? "deploy " : "read ")
            + s.serviceName() + ": " + SdkErrors.oneLine(e)
            + (r.deploys() ? " (the update may have been applied: check the service's deployments)" : ""), false);
        continue;
      }
      t.last = s;
      t.failAfter = r.failAfter() > 0 ? r.failAfter() : ServiceJudge.breakerThreshold(s.desiredCount());
      t.tracker = new FailedTaskTracker(reads, classifier, t.watched);
      t.placements = new PlacementTracker(classifier, t.watched);
      progress.started(t.watched, r.deploys());
    }
  }

  private void poll(GateRequest r) throws InterruptedException {
    Instant deadline = startedAt.plus(r.timeout());
    Duration backoff = r.pollInterval();
    int attempts = 0;
    while (!pending().isEmpty()) {
      attempts++;
      boolean failedPoll = false;
      try {
        pollOnce(r);
        backoff = r.pollInterval();
        progress.pollRecovered();
      } catch (ClusterNotFoundException e) {
        pending().forEach(t -> t.judgement = new Judgement(Outcome.NOT_GATED, "cluster " + r.cluster() + " not found", false));
        return;
      } catch (AccessDeniedException e) {
        pending().forEach(t -> t.judgement = new Judgement(Outcome.NOT_GATED, SdkErrors.oneLine(e), false));
        return;
      } catch (SdkException e) {
        // Throttling, 5xx, timeouts, network errors: the SDK already retried; wait longer and poll again.
        failedPoll = true;
        backoff = nextBackoff(backoff, r.pollInterval());
        progress.pollError(SdkErrors.oneLine(e), backoff, clock.instant());
      }
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
      if (t != null && !t.judgement.isFinal()) {
        t.judgement = Judgement.failed("service " + t.service + " " + describe(f) + " while the deployment was under way");
      }
    }
    for (Service s : answer.services()) {
      Tracked t = tracked.get(s.serviceName());
      if (t == null || t.judgement.isFinal()) {
        continue;
      }
      for (FailedTaskTracker.NewStop stop : t.tracker.poll()) {
        progress.taskStopped(t.watched, stop, now);
      }
      t.last = s;
      t.breakerProgress = breaker.of(t.watched);
      progress.state(t.watched, s, t.tracker.failed(), t.failAfter, t.breakerProgress, now);
      t.placements.observe(s.events());
      t.judgement = judge.judge(t.watched, s, t.tracker.failed(), t.placements.failures(),
          t.placements.lastMessage(), t.failAfter);
      if (t.judgement.isFinal()) {
        progress.note(t.service, t.judgement.outcome() + ": " + t.judgement.why(), now);
      }
    }
  }

  private FailureReport finish(GateRequest r) {
    List<ServiceResult> results = new ArrayList<>();
    for (String s : r.services()) {
      Tracked t = tracked.get(s);
      Outcome o = t.judgement.outcome();
      ServiceDiagnosis d = null;
      if ((o == Outcome.FAILED || o == Outcome.TIMED_OUT) && t.watched != null) {
        d = diagnose(t);
      }
      String note = null;
      if (o == Outcome.FAILED && r.rollback()) {
        note = t.judgement.rolledBackByEcs() ? "ECS already rolled back: nothing for ecs-gate to do" : rollBack(t);
      }
      results.add(result(t, d, note));
    }
    return new FailureReport(r.deploys() ? "deploy" : "wait", region, startedAt,
        Duration.between(startedAt, clock.instant()), results);
  }

  private ServiceDiagnosis diagnose(Tracked t) {
    try {
      return diagnosis.diagnose(t.watched.cluster(), t.service, t.watched.deploymentId(), t.watched.startedAt());
    } catch (SdkException e) {
      progress.note(t.service, "could not fetch the stopped tasks' reasons: " + SdkErrors.oneLine(e), clock.instant());
      return null;
    }
  }

  /** Restores the previous task definition, unless someone else's deployment took over. */
  private String rollBack(Tracked t) {
    Watched w = t.watched;
    if (w == null || w.previousTaskDefinition() == null) {
      return "no rollback: the previous task definition is not known";
    }
    if (Arns.taskDefinition(w.previousTaskDefinition()).equals(Arns.taskDefinition(w.taskDefinition()))) {
      return "no rollback: the deployment ran the same task definition as before ("
          + Arns.taskDefinition(w.taskDefinition()) + ")";
    }
    if (t.judgement.why() != null && t.judgement.why().startsWith("another deployment")) {
      return "no rollback: another deployment took over, rolling back would undo it";
    }
    try {
      String id = ecs.updateService(b -> b.cluster(w.cluster()).service(w.service())
          .taskDefinition(w.previousTaskDefinition()).forceNewDeployment(true)).service()
          .deployments().stream().filter(d -> "PRIMARY".equals(d.status())).map(d -> d.id()).findFirst().orElse("?");
      String note = "ecs-gate rolled back " + w.service() + " to " + Arns.taskDefinition(w.previousTaskDefinition())
          + " (deployment " + id + "; not waited for)";
      progress.note(w.service(), note, clock.instant());
      return note;
    } catch (SdkException e) {
      return "rollback to " + Arns.taskDefinition(w.previousTaskDefinition()) + " failed: " + SdkErrors.oneLine(e);
    }
  }

  private ServiceResult result(Tracked t, ServiceDiagnosis d, String rollbackNote) {
    Watched w = t.watched;
    Service s = t.last;
    String rollout = s == null || w == null ? null : s.deployments().stream()
        .filter(x -> x.id().equals(w.deploymentId())).map(x -> x.rolloutStateAsString()).findFirst().orElse(null);
    return new ServiceResult(request.cluster(), t.service, t.judgement.outcome(), t.judgement.why(),
        w == null ? null : w.deploymentId(),
        w == null ? null : Arns.taskDefinition(w.taskDefinition()),
        w == null || w.previousTaskDefinition() == null ? null : Arns.taskDefinition(w.previousTaskDefinition()),
        s == null || s.desiredCount() == null ? 0 : s.desiredCount(),
        s == null || s.runningCount() == null ? 0 : s.runningCount(),
        s == null || s.pendingCount() == null ? 0 : s.pendingCount(),
        t.tracker == null ? 0 : t.tracker.failed(),
        rollout, t.breakerProgress, Duration.between(startedAt, clock.instant()), rollbackNote, d);
  }

  private List<Tracked> pending() {
    List<Tracked> result = new ArrayList<>();
    for (String s : request.services()) {
      Tracked t = tracked.get(s);
      if (!t.judgement.isFinal()) {
        result.add(t);
      }
    }
    return result;
  }

  private void timeOut(String why) {
    for (Tracked t : pending()) {
      t.judgement = new Judgement(Outcome.TIMED_OUT, why, false);
      progress.note(t.service, "TIMED_OUT: " + why, clock.instant());
    }
  }

  private void notGatedAll(String why) {
    tracked.values().forEach(t -> t.judgement = new Judgement(Outcome.NOT_GATED, why, false));
  }

  private String region() {
    return region == null ? "" : " (region " + region + ")";
  }

  private static String describe(Failure f) {
    return "MISSING".equals(f.reason()) ? "not found" : "unavailable (" + f.reason() + ")";
  }

  /**
   * No provider of the default chain had credentials: not a transient fault, so not retried. The
   * SDK says so only in its message (the exception type is the generic SdkClientException).
   */
  private static boolean isMissingCredentials(SdkException e) {
    return e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials");
  }

  /** Doubles the wait after each failed poll, up to 30 s (or the poll interval, if longer). */
  private static Duration nextBackoff(Duration current, Duration interval) {
    Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
    Duration doubled = current.multipliedBy(2);
    return doubled.compareTo(cap) <= 0 ? doubled : cap;
  }

  static String format(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 && s >= 60 ? (s / 60) + "m" : s + "s";
  }

}
