package io.ecsgate.gate;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.ServiceEvent;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.deployment.DeploymentJudge;
import io.ecsgate.classifier.deployment.DeploymentState;
import io.ecsgate.classifier.deployment.Judgement;
import io.ecsgate.classifier.deployment.Recent;
import io.ecsgate.classifier.deployment.ServiceState;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceEventLine;
import io.ecsgate.classifier.report.ServiceResult;
import io.ecsgate.classifier.sdk.EcsSdkServices;
import io.ecsgate.diagnosis.Diagnoser;
import io.ecsgate.diagnosis.EcsReads;
import io.ecsgate.diagnosis.SdkErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * What {@code ecs-gate diagnose} does: judges services as they are now, without deploying, with
 * the same {@link DeploymentJudge} as the gate ({@link DeploymentJudge#judgeNow}).
 *
 * <ul>
 *   <li>NOT_GATED: the service is missing, INACTIVE or DRAINING, or ECS could not be read (cluster
 *       not found, access denied, errors left after the SDK's retries).
 *   <li>FAILED: the primary deployment's rollout state is FAILED, or one of the service's
 *       {@value #RECENT_TASKS} newest stopped tasks that stopped within the look-back deserves an
 *       alert, or the newest service event within the look-back does (a placement failure, say).
 *   <li>STABLE: otherwise, when the service has one deployment and runningCount == desiredCount.
 *   <li>TIMED_OUT: otherwise (not steady yet, no failure seen: a rollout in progress, tasks pending).
 * </ul>
 */
public final class ServiceCheck {
  static final int RECENT_TASKS = 5;
  private static final DeploymentJudge JUDGE = new DeploymentJudge();

  private final EcsReads reads;
  private final Diagnoser diagnoser;
  private final StopClassifier classifier;
  private final String region;
  private final Clock clock;

  public ServiceCheck(EcsReads reads, Diagnoser diagnoser, StopClassifier classifier, String region) {
    this(reads, diagnoser, classifier, region, Clock.systemUTC());
  }

  ServiceCheck(EcsReads reads, Diagnoser diagnoser, StopClassifier classifier, String region, Clock clock) {
    this.reads = reads;
    this.diagnoser = diagnoser;
    this.classifier = classifier;
    this.region = region;
    this.clock = clock;
  }

  /** Every service's result; never throws for AWS errors (they become NOT_GATED results). */
  public FailureReport check(String cluster, List<String> services, Duration lookback) {
    Instant started = clock.instant();
    List<ServiceResult> results = new ArrayList<>();
    Map<String, Service> found;
    Map<String, Failure> failures;
    try {
      EcsReads.ServicesAnswer answer = reads.describeServices(cluster, services);
      found = answer.services().stream().collect(Collectors.toMap(Service::serviceName, Function.identity(), (a, b) -> a));
      failures = answer.failures().stream()
          .collect(Collectors.toMap(f -> Arns.serviceName(f.arn()), Function.identity(), (a, b) -> a));
    } catch (SdkException e) {
      String cause = e instanceof ClusterNotFoundException
          ? "cluster " + SafeText.oneLine(cluster, 255) + " not found" : SdkErrors.oneLine(e);
      services.forEach(s -> results.add(ServiceResult.notGated(cluster, Arns.serviceName(s), cause, Duration.between(started, clock.instant()))));
      return new FailureReport("diagnose", region, started, Duration.between(started, clock.instant()), results);
    }
    for (String given : services) {
      // A service may be given by ARN; ListTasks and the report want its name.
      String name = Arns.serviceName(given);
      results.add(checkOne(cluster, name, found.get(name), failures.get(name), lookback, clock.instant()));
    }
    return new FailureReport("diagnose", region, started, Duration.between(started, clock.instant()), results);
  }

  private ServiceResult checkOne(String cluster, String name, Service service, Failure failure, Duration lookback,
      Instant start) {
    if (service == null) {
      String reason = failure == null || failure.reason() == null ? "MISSING" : failure.reason();
      return ServiceResult.notGated(cluster, name, "service not found (" + reason + ")", Duration.ZERO);
    }
    ServiceState state = EcsSdkServices.fromSdk(service);
    if (!state.isActive()) {
      return ServiceResult.notGated(cluster, name, "service is " + service.status(), Duration.ZERO);
    }
    Instant from = start.minus(lookback);
    ServiceDiagnosis diagnosis;
    try {
      diagnosis = diagnoser.diagnose(cluster, name, null, from);
    } catch (SdkException e) {
      return ServiceResult.notGated(cluster, name, SdkErrors.oneLine(e), Duration.between(start, clock.instant()));
    }
    Judgement j = judge(service, diagnosis, from, classifier);
    // Not steady yet, with no failure seen, is what diagnose reports as TIMED_OUT (exit 2).
    Outcome outcome = j.isFinal() ? j.outcome() : Outcome.TIMED_OUT;
    DeploymentState primary = state.primary().orElse(null);
    return new ServiceResult(
        cluster, name, outcome, j.why(), null,
        state.taskDefinitionName(),
        state.previous().map(d -> Arns.taskDefinition(d.taskDefinition())).orElse(null),
        state.desiredCount(), state.runningCount(), state.pendingCount(),
        primary == null ? 0 : primary.failedTasks(),
        primary == null ? null : primary.rolloutState(), null,
        Duration.between(start, clock.instant()), null,
        outcome == Outcome.STABLE ? null : diagnosis);
  }

  /** The judge's view of a service now, with what its diagnosis says about the recent past. */
  static Judgement judge(Service service, ServiceDiagnosis d, Instant from, StopClassifier classifier) {
    return JUDGE.judgeNow(EcsSdkServices.fromSdk(service), recent(service, d, from, classifier));
  }

  /**
   * What the judge weighs beside the snapshot: the {@value #RECENT_TASKS} newest stopped tasks that
   * stopped within the look-back, and the newest service event, classified.
   */
  private static Recent recent(Service service, ServiceDiagnosis d, Instant from, StopClassifier classifier) {
    List<DiagnosedTask> recent = d.tasks().stream()
        .filter(t -> t.task().stoppedAt() == null || !t.task().stoppedAt().isBefore(from))
        .limit(RECENT_TASKS)
        .toList();
    List<DiagnosedTask> failed = recent.stream().filter(t -> t.verdict().alert()).toList();
    ServiceEventLine newest = d.events().isEmpty() ? null : d.events().get(0);
    Verdict event = newest == null ? null : classifier.classify(new ServiceEvent(service.clusterArn(),
        service.serviceName(), null, newest.message(), newest.createdAt()));
    return new Recent(failed.size(), recent.size(), failed.isEmpty() ? null : failed.get(0).verdict(), event,
        newest == null ? null : newest.message());
  }
}
