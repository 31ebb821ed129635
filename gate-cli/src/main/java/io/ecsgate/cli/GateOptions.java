package io.ecsgate.cli;

import io.ecsgate.gate.GateRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What to gate and how long to wait: shared by deploy and wait. The cluster and the services are
 * set by each verb's own flags: deploy requires them, wait also takes the awscli waiter's spelling.
 */
final class GateOptions {
  /** Room left inside GitLab's job timeout to fetch the reasons and print the report. */
  static final Duration REPORT_MARGIN = Duration.ofSeconds(60);
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
  static final String SERVICE_HELP = "Service name; repeat for several (one DescribeServices call covers 10 per poll).";

  String cluster;
  List<String> services = List.of();

  @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
      description = "Time between polls (default 5s; the awscli waiter uses 15s).")
  Duration pollInterval;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Give up after this long (default 15m; inside GitLab CI, at most the job's remaining"
          + " time minus 60s, so the report is printed before the job is killed).")
  Duration timeout;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "0",
      description = "Give up after N polls (default: no limit but --timeout).")
  int maxAttempts;

  @Option(names = "--fail-after", paramLabel = "N", defaultValue = "0",
      description = "Fail after N failed tasks of the new deployment (default: the circuit breaker's"
          + " threshold, half the desired count clamped to 3..200).")
  int failAfter;

  @Option(names = "--placement-grace", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "Fail once ECS reported it could not place a task and nothing of the deployment was placed for"
          + " this long (default 60s; 0s fails at the first such report; ECS reports a placement failure once).")
  Duration placementGrace = GateRequest.DEFAULT_PLACEMENT_GRACE;

  @Option(names = "--until", paramLabel = "STAGE", converter = StageConverter.class,
      description = "End with REACHED (exit 0) once the blue/green, linear or canary deployment reaches this"
          + " lifecycle stage, leaving the rest (the bake) to ECS: a stage name (bake-time, clean-up...) or"
          + " scaled-up, test-traffic-shifted, production-traffic-shifted. A rollback before it is still a failure.")
  String until;

  @Option(names = "--rollback",
      description = "When the gate fails and ECS did not roll back, restore the previous task definition."
          + " Also on SIGTERM/Ctrl-C before a verdict.")
  boolean rollback;

  @Option(names = "--rules", paramLabel = "FILE", description = "Rules file (YAML) for the classifier, as classify.")
  Path rulesFile;

  @Option(names = "--state-table", paramLabel = "NAME",
      description = "The detector's DynamoDB table (its stack's StateTableName output; default: $ECS_GATE_STATE_TABLE):"
          + " record the deployment there so the detector adds its failures to the gate's Slack message instead of"
          + " posting its own. A DynamoDB fault is a warning; the verdict is unchanged.")
  String stateTable;

  /** --state-table, else ECS_GATE_STATE_TABLE; null: no shared incident. */
  String stateTable(Map<String, String> env) {
    String table = stateTable != null ? stateTable : env.get("ECS_GATE_STATE_TABLE");
    return table == null || table.isBlank() ? null : table.strip();
  }

  /**
   * What picocli's types cannot say: counts not below 0 (0 keeps its documented meaning), durations
   * above 0 where 0 means nothing, service names not blank.
   *
   * @return the first mistake, as one line, or null
   */
  String mistake() {
    if (pollInterval.isZero()) {
      return "--poll-interval must be above 0: it is the pause between two polls (default 5s)";
    }
    if (timeout != null && timeout.isZero()) {
      return "--timeout must be above 0: it is how long to wait for a verdict (leave it out for 15m, less inside"
          + " GitLab CI)";
    }
    if (failAfter < 0) {
      return "--fail-after must be 1 or more (0, or leaving it out, takes the circuit breaker's threshold), not "
          + failAfter;
    }
    if (maxAttempts < 0) {
      return "--max-attempts must be 1 or more (0, or leaving it out, means no limit but --timeout), not " + maxAttempts;
    }
    if (services.isEmpty()) {
      return "no service to gate: give --service NAME (repeat it for several) or --services NAME...";
    }
    if (services.stream().anyMatch(s -> s == null || s.isBlank())) {
      return "--service needs a service name, not an empty value";
    }
    return null;
  }

  /** --timeout, or the default bounded by what is left of GitLab's job timeout. */
  Duration effectiveTimeout(Map<String, String> env, Instant now) {
    if (timeout != null) {
      return timeout;
    }
    return ciRemaining(env, now)
        .map(left -> left.minus(REPORT_MARGIN))
        .filter(left -> left.compareTo(DEFAULT_TIMEOUT) < 0)
        .map(left -> left.isNegative() || left.isZero() ? Duration.ofSeconds(30) : left)
        .orElse(DEFAULT_TIMEOUT);
  }

  /** CI_JOB_TIMEOUT (seconds) minus the time since CI_JOB_STARTED_AT, when GitLab sets both. */
  static java.util.Optional<Duration> ciRemaining(Map<String, String> env, Instant now) {
    try {
      long seconds = Long.parseLong(env.getOrDefault("CI_JOB_TIMEOUT", ""));
      String started = env.get("CI_JOB_STARTED_AT");
      Duration used = started == null ? Duration.ZERO : Duration.between(Instant.parse(started), now);
      return java.util.Optional.of(Duration.ofSeconds(seconds).minus(used));
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      return java.util.Optional.empty();
    }
  }
}
