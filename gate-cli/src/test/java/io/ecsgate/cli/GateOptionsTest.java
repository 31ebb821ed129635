package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecsgate.report.ExitCode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class GateOptionsTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @ParameterizedTest(name = "{0}")
  @CsvSource({"500ms, 500", "5s, 5000", "2m, 120000", "1h, 3600000", "1m30s, 90000", "2M, 120000", "PT45M, 2700000",
      "1d, 86400000", "1.5s, 1500", "0.5m, 30000", "1h0.5m, 3630000", "2.25s, 2250", "PT1.5S, 1500", "0s, 0", "PT0S, 0"})
  void durationsAreWrittenAsPeopleWriteThem(String text, long millis) {
    assertThat(new DurationConverter().convert(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      5         | '5' has no unit: write 5s, 5m or 5ms
      1.5       | '1.5' has no unit: write 1.5s, 1.5m or 1.5ms
      5w        | '5w' has an unknown unit 'w': the units are ms, s, m, h and d
      10sec     | '10sec' has an unknown unit 'sec': the units are ms, s, m, h and d
      -5s       | '-5s' is negative: a duration is 0 or more
      PT-1H     | 'PT-1H' is negative: a duration is 0 or more
      1.0005s   | '1.0005s' is finer than a millisecond
      s         | 's' is not a duration
      5 s       | '5 s' is not a duration
      soon      | 'soon' is not a duration
      ""        | '' is not a duration
      99999999999999999999d | '99999999999999999999d' is too long
      """)
  void badDurationsSayWhatIsWrongAndWhatIsAccepted(String text, String message) {
    assertThatThrownBy(() -> new DurationConverter().convert(text))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).satisfiesAnyOf(
            m -> assertThat(m).endsWith("(e.g. 500ms, 1.5s, 2m, 1h30m, 1d)"), m -> assertThat(m).endsWith("too long")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      wait --cluster c --service a --timeout 0s        | --timeout must be above 0: it is how long to wait for a verdict
      wait --cluster c --service a --timeout PT0S      | --timeout must be above 0
      wait --cluster c --service a --poll-interval 0ms | --poll-interval must be above 0: it is the pause between two polls
      deploy --cluster c --service a --timeout 0s      | --timeout must be above 0
      diagnose --cluster c --service a --since 0s      | --since must be above 0: it is how far back stopped tasks count
      wait --cluster c --service a --timeout 5         | invalid value for option '--timeout': '5' has no unit: write 5s, 5m or 5ms
      wait --cluster c --service a --timeout 1.0005s   | invalid value for option '--timeout': '1.0005s' is finer than a millisecond
      """)
  void aDurationThatMeansNothingForItsFlagIsAUsageErrorSayingWhy(String commandLine, String message) {
    java.io.StringWriter err = new java.io.StringWriter();

    int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err),
        commandLine.split(" "));

    assertThat(code).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).startsWith("ecs-gate: " + message);
    assertThat(err.toString().lines()).hasSize(1);
  }

  @Test
  void aFractionOrAZeroPlacementGraceIsTaken() {
    DeployCommand cmd = CommandLine.populateCommand(new DeployCommand(), "--cluster", "c", "--service", "a",
        "--timeout", "1.5s", "--placement-grace", "0s");

    assertThat(cmd.gate.timeout).isEqualTo(Duration.ofMillis(1500));
    assertThat(cmd.gate.placementGrace).isZero();
    assertThat(cmd.gate.mistake()).isNull();
  }

  @Test
  void timeoutDefaultsTo15MinutesOutsideCi() {
    assertThat(new GateOptions().effectiveTimeout(Map.of(), NOW)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void insideGitlabTheDefaultLeavesAMinuteOfTheJobForTheReport() {
    Map<String, String> env = Map.of("CI_JOB_TIMEOUT", "600", "CI_JOB_STARTED_AT", NOW.minusSeconds(120).toString());

    assertThat(new GateOptions().effectiveTimeout(env, NOW)).isEqualTo(Duration.ofMinutes(7));
  }

  @Test
  void aLongJobTimeoutKeepsThe15MinuteDefaultAndAnExplicitTimeoutWins() {
    GateOptions explicit = new GateOptions();
    explicit.timeout = Duration.ofMinutes(40);

    assertThat(new GateOptions().effectiveTimeout(Map.of("CI_JOB_TIMEOUT", "3600"), NOW)).isEqualTo(Duration.ofMinutes(15));
    assertThat(explicit.effectiveTimeout(Map.of("CI_JOB_TIMEOUT", "600"), NOW)).isEqualTo(Duration.ofMinutes(40));
  }

  @Test
  void deployParsesImagesAndRejectsImagesWithATaskDefinition() {
    DeployCommand cmd = CommandLine.populateCommand(new DeployCommand(), "--cluster", "c", "--service", "a",
        "--service", "b", "--image", "app=repo/app:2", "--image", "sidecar=repo/s:1", "--poll-interval", "2s");

    assertThat(cmd.gate.services).containsExactly("a", "b");
    assertThat(cmd.gate.pollInterval).isEqualTo(Duration.ofSeconds(2));
    assertThat(cmd.change.images).containsExactly("app=repo/app:2", "sidecar=repo/s:1");
    assertThatThrownBy(() -> CommandLine.populateCommand(new DeployCommand(), "--cluster", "c", "--service", "a",
        "--image", "app=x", "--task-definition", "web:3"))
        .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("mutually exclusive");
  }

  @Test
  void theStateTableComesFromTheFlagElseTheEnvironmentAndIsOffWithoutEither() {
    WaitCommand flag = CommandLine.populateCommand(new WaitCommand(), "--service", "a", "--state-table", "ecs-gate-StateTable-1");
    WaitCommand none = CommandLine.populateCommand(new WaitCommand(), "--service", "a");

    assertThat(flag.gate.stateTable(Map.of("ECS_GATE_STATE_TABLE", "other"))).isEqualTo("ecs-gate-StateTable-1");
    assertThat(none.gate.stateTable(Map.of("ECS_GATE_STATE_TABLE", " from-env "))).isEqualTo("from-env");
    assertThat(none.gate.stateTable(Map.of("ECS_GATE_STATE_TABLE", ""))).isNull();
    assertThat(none.gate.stateTable(Map.of())).isNull();
  }

  @Test
  void deployWithoutClusterIsAUsageError() {
    java.io.StringWriter err = new java.io.StringWriter();

    int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err), "deploy", "--service", "a");

    assertThat(code).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("missing required option: '--cluster=CLUSTER'");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
      "--fail-after -1; --fail-after must be 1 or more",
      "--max-attempts -3; --max-attempts must be 1 or more",
      "--service ''; --service needs a service name",
      "--endpoint-url localhost:19020; --endpoint-url must be an http:// or https:// URL with a host"})
  void aValueNoTypeForbidsIsStillAOneLineUsageError(String flag, String message) {
    java.io.StringWriter err = new java.io.StringWriter();
    String[] pair = flag.split(" ", 2);
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("wait", "--cluster", "c"));
    if (!pair[0].equals("--service")) {
      args.addAll(java.util.List.of("--service", "web"));
    }
    args.addAll(java.util.List.of(pair[0], pair[1].equals("''") ? "" : pair[1]));

    int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err),
        args.toArray(String[]::new));

    assertThat(code).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).startsWith("ecs-gate: " + message).contains("(try 'ecs-gate wait --help')");
    assertThat(err.toString().lines()).hasSize(1);
  }
}
