package io.ecsgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.input.EnvelopeSamples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local entry point: event files in, Slack payloads out, no AWS and no Slack. */
class LocalRunnerTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return LocalRunner.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        env, args);
  }

  private Path events(String... json) throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, String.join("\n", json) + "\n");
    return file;
  }

  @Test
  void aDryRunPrintsOnePostAndThenUpdatesForACrashLoopAndNothingForABenignStop() throws Exception {
    Path file = events(Harness.crashLoopTask(1).toString(), Harness.crashLoopTask(2).toString(),
        Harness.event("scale-in-task.json").toString(), Harness.crashLoopTask(3).toString());

    int code = run(Map.of("SLACK_BOT_TOKEN", "xoxb-not-used-in-a-dry-run"), "--dry-run", "--channel", "#night-watch",
        file.toString());

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(printed).contains("\"channel\" : \"#night-watch\"", "Failing: prod/payments-api", "3 stopped tasks like this");
    assertThat(printed.split("\"ts\" : \"\\(dry run\\)\"", -1)).as("two updates of the one message").hasSize(3);
    assertThat(printed).doesNotContain("xoxb-not-used-in-a-dry-run");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no alert: DEPLOYMENT_OR_SCALING");
  }

  @Test
  void envelopesAreOpenedAsTheFunctionOpensThemAndABadRecordIsOneLineNamingIt() throws Exception {
    var malformed = Harness.crashLoopTask(9);
    ((com.fasterxml.jackson.databind.node.ObjectNode) malformed.get("detail")).put("stoppedAt", 1e20);
    Path file = events(EnvelopeSamples.sns(Harness.crashLoopTask(1).toString()).toString(),
        EnvelopeSamples.sqs(EnvelopeSamples.notification(Harness.crashLoopTask(2).toString()).toString(), malformed.toString(),
            "plain text").toString(),
        EnvelopeSamples.awsLogs(Harness.crashLoopTask(3).toString()).toString());

    int code = run(Map.of(), "--dry-run", file.toString());

    assertThat(code).isEqualTo(65);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Failing: prod/payments-api", "3 stopped tasks like this");
    assertThat(stderr()).contains(file + ":2 Records[1].body: malformed event " + malformed.get("id").asText()
        + ": detail.stoppedAt: expected a timestamp from 1970 to 9999")
        .contains(file + ":2 Records[2].body: skipped: not JSON, so not an ECS event")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void badInputAndBadSettingsGetOneLineAndTheirOwnExitCode() throws Exception {
    Path notJson = events("{\"id\": ");

    assertThat(run(Map.of(), "--dry-run", notJson.toString())).isEqualTo(65);
    assertThat(run(Map.of(), "--dry-run", dir.resolve("missing.json").toString())).isEqualTo(66);
    assertThat(run(Map.of("FLOOD_WINDOW", "soon"), "--dry-run", notJson.toString())).isEqualTo(78);
    assertThat(run(Map.of(), "--frobnicate")).isEqualTo(64);
    assertThat(run(Map.of())).isEqualTo(64);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("FLOOD_WINDOW: 'soon' is not a duration", "unknown option --frobnicate", "cannot read")
        .doesNotContain("Exception", "\tat ");
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String scheduledEvent() {
    return "{\"id\":\"sweep-1\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}";
  }

  @Test
  void aBadLineIsOneLineWithItsPlaceAndTheEventsAfterItAreProcessed() throws Exception {
    Path file = events(Harness.crashLoopTask(1).toString(), "{\"id\": ", Harness.crashLoopTask(2).toString());

    int code = run(Map.of(), "--dry-run", file.toString());

    assertThat(code).isEqualTo(65);
    assertThat(stderr()).contains(file + ":2: malformed JSON: ").doesNotContain("Exception", "\tat ");
    assertThat(out.toString(StandardCharsets.UTF_8)).as("the event after the bad line counted").contains("2 stopped tasks like this");
  }

  @Test
  void deepNestingAndAHugeStringAreOneLineEachAndTheRestIsProcessed() throws Exception {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    String huge = "{\"id\":\"big\",\"detail-type\":\"ECS Task State Change\",\"detail\":{\"stoppedReason\":\""
        + "x".repeat(20 << 20) + "\"}}";
    Path file = events(deep, huge, Harness.crashLoopTask(1).toString());

    int code = run(Map.of(), "--dry-run", file.toString());

    assertThat(code).isEqualTo(65);
    assertThat(stderr())
        .contains(file + ":1: malformed JSON: ", "nesting depth")
        .contains(file + ":2: item too large: this line is ")
        .doesNotContain("Exception", "\tat ");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Failing: prod/payments-api");
  }

  @Test
  void aNumberNoClockCanHoldIsAMalformedEventAndTheNextIsProcessed() throws Exception {
    var bad = Harness.crashLoopTask(1);
    ((com.fasterxml.jackson.databind.node.ObjectNode) bad.get("detail")).put("stoppedAt", 1e20);
    Path file = events(bad.toString(), Harness.crashLoopTask(2).toString());

    int code = run(Map.of(), "--dry-run", file.toString());

    assertThat(code).isEqualTo(65);
    assertThat(stderr()).contains(file + ":1: malformed event " + bad.get("id").asText()
        + ": detail.stoppedAt: expected a timestamp from 1970 to 9999").doesNotContain("Exception", "\tat ");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Failing: prod/payments-api");
  }

  @Test
  void aScheduledEventWithoutAwsIsAUsageLineAndTheRestIsProcessed() throws Exception {
    Path file = events(scheduledEvent(), Harness.crashLoopTask(1).toString());

    int code = run(Map.of(), "--dry-run", file.toString());

    assertThat(code).isEqualTo(64);
    assertThat(stderr()).contains(file + ":1: a Scheduled Event runs the sweep, which reads the ECS API: add --aws")
        .doesNotContain("Exception", "\tat ");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Failing: prod/payments-api");
  }

  @Test
  void anUnreadableFileDoesNotStopTheOthers() throws Exception {
    Path file = events(Harness.crashLoopTask(1).toString());

    int code = run(Map.of(), "--dry-run", dir.resolve("missing.json").toString(), file.toString());

    assertThat(code).isEqualTo(66);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Failing: prod/payments-api");
  }
}
