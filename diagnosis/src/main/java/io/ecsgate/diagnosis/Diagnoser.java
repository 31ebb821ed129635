package io.ecsgate.diagnosis;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceEventLine;
import io.ecsgate.diagnosis.EcsReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Why a service's deployment is failing: its stopped tasks, each classified, counted by category,
 * the recent service events, and the last log lines of a few distinct failures.
 *
 * <p>Cost per diagnosis: one paginated ListTasks, one DescribeTasks per 100 tasks, one
 * DescribeTaskDefinition per revision (cached), one DescribeServices, and at most
 * {@link #MAX_LOG_TAILS} GetLogEvents (the newest failed task of each category).
 */
public final class Diagnoser implements AutoCloseable {
  /** How far back service events are taken when no start is given. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(1);
  static final int MAX_EVENTS = 10;
  static final int MAX_LOG_TAILS = 5;

  /** Newest stop first; tasks without any time last. */
  static final Comparator<StoppedTask> NEWEST_FIRST = Comparator.comparing(Diagnoser::stopTime,
      Comparator.nullsLast(Comparator.<Instant>reverseOrder()));

  private final EcsReads reads;
  private final StopClassifier classifier;
  private final ConsoleLinks links;
  private final LogTail logTail;
  private final Clock clock;

  public Diagnoser(EcsReads reads, CloudWatchLogsClient logs, StopClassifier classifier, String region) {
    this(reads, () -> logs, classifier, region, Clock.systemUTC());
  }

  /** @param logs called at the first log read only: a gate that passes never makes the client */
  public Diagnoser(EcsReads reads, Supplier<CloudWatchLogsClient> logs, StopClassifier classifier, String region) {
    this(reads, logs, classifier, region, Clock.systemUTC());
  }

  Diagnoser(EcsReads reads, CloudWatchLogsClient logs, StopClassifier classifier, String region, Clock clock) {
    this(reads, () -> logs, classifier, region, clock);
  }

  private Diagnoser(EcsReads reads, Supplier<CloudWatchLogsClient> logs, StopClassifier classifier, String region,
      Clock clock) {
    this.reads = reads;
    this.classifier = classifier;
    this.links = new ConsoleLinks(region);
    this.logTail = new LogTail(logs, region, links);
    this.clock = clock;
  }

  /**
   * Diagnoses one service.
   *
   * @param deploymentId only the tasks this deployment started; null: every stopped task of the service
   * @param since service events from this time on; null: the last hour
   * @throws SdkException when ECS cannot be read (after the SDK's retries). Reading logs never throws.
   */
  public ServiceDiagnosis diagnose(String cluster, String service, String deploymentId, Instant since) {
    Instant from = since != null ? since : clock.instant().minus(DEFAULT_LOOKBACK);
    List<StoppedTask> tasks = new ArrayList<>(reads.stoppedTasks(cluster, reads.stoppedTaskArns(cluster, service)));
    if (deploymentId != null) {
      tasks.removeIf(t -> !deploymentId.equals(t.startedBy()));
    }
    tasks.sort(NEWEST_FIRST);
    List<Verdict> verdicts = tasks.stream().map(classifier::classify).toList();
    Set<Integer> readLogs = logTargets(verdicts);

    String clusterName = Arns.clusterName(cluster);
    List<DiagnosedTask> diagnosed = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      StoppedTask task = tasks.get(i);
      Verdict verdict = verdicts.get(i);
      String taskUrl = links.task(clusterName, task.taskId());
      if (readLogs.contains(i)) {
        LogTail.Result logs = logTail.read(task, verdict, reads.taskDefinitionOrNull(task.taskDefinitionArn()));
        diagnosed.add(new DiagnosedTask(task, verdict, logs.lines(), taskUrl, logs.consoleUrl(), logs.note()));
      } else {
        diagnosed.add(new DiagnosedTask(task, verdict, List.of(), taskUrl, null));
      }
    }
    return new ServiceDiagnosis(diagnosed, countByCategory(verdicts), events(cluster, service, from),
        links.service(clusterName, service));
  }

  /** The newest failed task of each category, at most {@link #MAX_LOG_TAILS}: distinct failures, few calls. */
  private static Set<Integer> logTargets(List<Verdict> newestFirst) {
    Set<Category> seen = new HashSet<>();
    Set<Integer> targets = new HashSet<>();
    for (int i = 0; i < newestFirst.size() && targets.size() < MAX_LOG_TAILS; i++) {
      Verdict v = newestFirst.get(i);
      if (v.alert() && seen.add(v.category())) {
        targets.add(i);
      }
    }
    return targets;
  }

  /** Counts by category, most frequent first; ties in the categories' order (failures before benign stops). */
  public static Map<Category, Integer> countByCategory(List<Verdict> verdicts) {
    Map<Category, Integer> counts = new EnumMap<>(Category.class);
    verdicts.forEach(v -> counts.merge(v.category(), 1, Integer::sum));
    Map<Category, Integer> ordered = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<Category, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  private List<ServiceEventLine> events(String cluster, String service, Instant from) {
    List<Service> found = reads.describeServices(cluster, List.of(service)).services();
    if (found.isEmpty()) {
      return List.of();
    }
    return found.get(0).events().stream()
        .filter(e -> e.createdAt() != null && !e.createdAt().isBefore(from))
        .sorted(Comparator.comparing(software.amazon.awssdk.services.ecs.model.ServiceEvent::createdAt).reversed())
        .limit(MAX_EVENTS)
        .map(e -> new ServiceEventLine(e.createdAt(), e.message()))
        .toList();
  }

  private static Instant stopTime(StoppedTask t) {
    if (t.stoppedAt() != null) {
      return t.stoppedAt();
    }
    return t.stoppingAt() != null ? t.stoppingAt() : t.createdAt();
  }

  /** The reads this diagnoser uses, to share their task definition cache. */
  public EcsReads reads() {
    return reads;
  }

  /** Closes the clients made for log groups in other regions; the clients passed in stay open. */
  @Override
  public void close() {
    logTail.close();
  }
}
