package io.ecsgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

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
}
