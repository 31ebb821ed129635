package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.report.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every usage error reads one way, one line: "ecs-gate: what is wrong (try '… --help')"; exit 64, no
 * stack trace, no usage dump. A mistyped flag or verb is named with the closest one.
 */
class UsageErrorsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private List<String> run(int expectedCode, String commandLine) {
    String[] args = commandLine.isEmpty() ? new String[0] : commandLine.split(" ");
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertThat(code).as("exit code of %s (stderr: %s)", commandLine, err).isEqualTo(expectedCode);
    return err.toString().lines().toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      deploy --clustr x --service a                  | ecs-gate: unknown option '--clustr'; did you mean --cluster?  | deploy
      deploy --service a --clustr=x                  | ecs-gate: unknown option '--clustr=x'; did you mean --cluster? | deploy
      diagnose --cluster c --servce a                | ecs-gate: unknown option '--servce'; did you mean --service?  | diagnose
      wait --cluster c --service a --tiemout 5s      | ecs-gate: unknown option '--tiemout'; did you mean --timeout? | wait
      classify --outptu json                         | ecs-gate: unknown option '--outptu'; did you mean --output?   | classify
      deplyo                                         | ecs-gate: unknown command 'deplyo'; did you mean deploy?      | ''
      diagnos --cluster c                            | ecs-gate: unknown command 'diagnos'; did you mean diagnose?   | ''
      help deplyo                                    | ecs-gate: unknown command 'deplyo'; did you mean deploy?      | ''
      """)
  void aTypoIsNamedWithTheClosestFlagOrCommandBeforeAnythingMissing(String commandLine, String message, String verb) {
    List<String> lines = run(ExitCode.USAGE.code(), commandLine);

    assertThat(lines).containsExactly(message + " (try 'ecs-gate" + (verb.isEmpty() ? "" : " " + verb) + " --help')");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      deploy --cluster c --service a --image a=b --task-definition x | deploy
      deploy --service a                                             | deploy
      wait --cluster c --service a --poll-interval                   | wait
      wait --cluster c --service a --fail-after x                    | wait
      classify --output yaml                                         | classify
      demo --scenario nope                                           | demo
      demo --speed 0                                                 | demo
      demo --speed 3000                                              | demo
      demo --bogus                                                   | demo
      ''                                                             | ''
      """)
  void everyUsageErrorIsOneLineInTheSameFormEndingWithWhereHelpIs(String commandLine, String verb) {
    List<String> lines = run(ExitCode.USAGE.code(), commandLine);

    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).matches("ecs-gate: [a-z'-].*").doesNotContain("Error:", "ecs-gate: ecs-gate")
        .endsWith(" (try 'ecs-gate" + (verb.isEmpty() ? "" : " " + verb) + " --help')");
    assertThat(out.toString()).as("no usage dump").isEmpty();
  }

  @Test
  void mutuallyExclusiveFlagsAreOnePrefixNotTwo() {
    List<String> lines = run(ExitCode.USAGE.code(), "deploy --cluster c --service a --image a=b --task-definition x");

    assertThat(lines.get(0)).startsWith("ecs-gate: --image=CONTAINER=IMAGE, --task-definition=FAMILY[:REV] are mutually exclusive");
  }
}
