package io.ecsgate.diagnosis;

import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsServiceClientConfiguration;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The last lines a stopped task's container wrote, read from its awslogs stream
 * ({@code <awslogs-stream-prefix>/<container>/<task id>} in {@code awslogs-group}, in
 * {@code awslogs-region} when set). Every way this can fail becomes a note, never an exception: a
 * diagnosis is worth having without its logs.
 */
final class LogTail implements AutoCloseable {
  static final int LINES = 20;

  /** The lines (oldest first, one line each, made safe), why there are none, and the console link. */
  record Result(List<String> lines, String note, String consoleUrl) {}

  /** Made at the first read: most gates never read a log. */
  private final Supplier<CloudWatchLogsClient> logs;
  private final String region;
  private final ConsoleLinks links;
  /** Clients for log groups in other regions than {@link #region}, made on first use and closed here. */
  private final Map<String, CloudWatchLogsClient> otherRegions = new ConcurrentHashMap<>();

  LogTail(Supplier<CloudWatchLogsClient> logs, String region, ConsoleLinks links) {
    this.logs = logs;
    this.region = region;
    this.links = links;
  }

  Result read(StoppedTask task, Verdict verdict, TaskDefinition definition) {
    String name = blamedContainer(task, verdict, definition);
    if (name == null) {
      return new Result(List.of(), "no container to read logs from", null);
    }
    ContainerDefinition container = definition == null ? null : definition.containerDefinitions().stream()
        .filter(c -> name.equals(c.name())).findFirst().orElse(null);
    LogConfiguration config = container == null ? null : container.logConfiguration();
    if (config == null || !"awslogs".equals(config.logDriverAsString())) {
      return new Result(List.of(), "container " + name + " does not log with awslogs"
          + (config == null ? "" : " (log driver " + config.logDriverAsString() + ")"), null);
    }
    Map<String, String> options = config.options();
    String group = options.get("awslogs-group");
    String prefix = options.get("awslogs-stream-prefix");
    String logRegion = options.get("awslogs-region");
    if (group == null || prefix == null || prefix.isEmpty()) {
      return new Result(List.of(), "container " + name + " has no awslogs-group or awslogs-stream-prefix: its stream name is unknown", null);
    }
    String stream = prefix + "/" + name + "/" + task.taskId();
    String url = links.logStream(logRegion, group, stream);
    if (neverRan(task, name)) {
      return new Result(List.of(), "container " + name + " never started: no log output", url);
    }
    try {
      List<OutputLogEvent> events = client(logRegion).getLogEvents(r -> r.logGroupName(group).logStreamName(stream)
          .startFromHead(false).limit(LINES)).events();
      return new Result(lastLines(events), events.isEmpty() ? "log stream " + stream + " is empty" : null, url);
    } catch (ResourceNotFoundException e) {
      return new Result(List.of(), "no log stream " + stream + " in " + group, url);
    } catch (AwsServiceException e) {
      return new Result(List.of(), failure(e, group), url);
    } catch (SdkException e) {
      return new Result(List.of(), "could not read the logs: " + SafeText.oneLine(CredentialRedaction.redact(e.getMessage()), 200), url);
    }
  }

  private static String failure(AwsServiceException e, String group) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if (e.isThrottlingException()) {
      return "CloudWatch Logs throttled GetLogEvents (after retries): logs not read";
    }
    if ("AccessDeniedException".equals(code)) {
      return "access denied to logs:GetLogEvents on " + group;
    }
    String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    return "could not read the logs: " + (code == null ? "" : code + ": ") + SafeText.oneLine(CredentialRedaction.redact(message), 200);
  }

  /** The container the verdict blames, else the only essential one, else the only one. */
  private static String blamedContainer(StoppedTask task, Verdict verdict, TaskDefinition definition) {
    if (verdict.evidence().container() != null) {
      return verdict.evidence().container();
    }
    List<String> essential = task.containers().stream()
        .filter(c -> Boolean.TRUE.equals(c.essential())).map(ContainerExit::name).toList();
    if (essential.size() == 1) {
      return essential.get(0);
    }
    if (task.containers().size() == 1) {
      return task.containers().get(0).name();
    }
    return definition != null && definition.containerDefinitions().size() == 1
        ? definition.containerDefinitions().get(0).name() : null;
  }

  /** A task that never started whose container has no exit code wrote nothing: no call needed. */
  private static boolean neverRan(StoppedTask task, String container) {
    Integer exitCode = task.containers().stream().filter(c -> container.equals(c.name()))
        .map(ContainerExit::exitCode).filter(Objects::nonNull).findFirst().orElse(null);
    return task.startedAt() == null && exitCode == null;
  }

  /** Each event may hold several lines (a stack trace): one printed line each, the last {@link #LINES}. */
  private static List<String> lastLines(List<OutputLogEvent> events) {
    List<String> lines = new ArrayList<>();
    for (OutputLogEvent event : events) {
      for (String line : String.valueOf(event.message()).split("\\R")) {
        String safe = SafeText.oneLine(line);
        if (!safe.isEmpty()) {
          lines.add(safe);
        }
      }
    }
    return List.copyOf(lines.subList(Math.max(0, lines.size() - LINES), lines.size()));
  }

  private CloudWatchLogsClient client(String logRegion) {
    if (logRegion == null || logRegion.isBlank() || logRegion.equals(region)) {
      return logs.get();
    }
    return otherRegions.computeIfAbsent(logRegion, this::sibling);
  }

  /** A client like ours (credentials, endpoint, standard retries) for another region. */
  private CloudWatchLogsClient sibling(String otherRegion) {
    CloudWatchLogsServiceClientConfiguration config = logs.get().serviceClientConfiguration();
    var builder = CloudWatchLogsClient.builder()
        .region(Region.of(otherRegion))
        .credentialsProvider(config.credentialsProvider())
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(60)));
    config.endpointOverride().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  @Override
  public void close() {
    otherRegions.values().forEach(CloudWatchLogsClient::close);
    otherRegions.clear();
  }
}
