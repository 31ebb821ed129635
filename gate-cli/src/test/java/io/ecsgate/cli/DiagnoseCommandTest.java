package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.report.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parsing only: nothing here reaches AWS. */
class DiagnoseCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void servicesRepeatAndTheLookBackTakesShortDurations() throws Exception {
    DiagnoseCommand command = CommandLine.populateCommand(new DiagnoseCommand(),
        "--cluster", "prod", "--service", "web", "--service", "api", "--since", "15m", "-o", "json", "--junit", "r.xml");

    assertThat(field(command, "services")).isEqualTo(java.util.List.of("web", "api"));
    assertThat(field(command, "since")).isEqualTo(Duration.ofMinutes(15));
    assertThat(field(CommandLine.populateCommand(new DiagnoseCommand(), "--cluster", "c", "--service", "s"), "since"))
        .isEqualTo(Duration.ofHours(1));
  }

  private static Object field(Object target, String name) throws Exception {
    var f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(target);
  }

  @Test
  void aMissingClusterOrServiceIsAUsageError() {
    assertThat(run("diagnose", "--service", "web")).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).startsWith("ecs-gate: missing required option: '--cluster=NAME'")
        .contains("(try 'ecs-gate diagnose --help')");
    assertThat(run("diagnose", "--cluster", "prod", "--service", "web", "--since", "soon")).isEqualTo(ExitCode.USAGE.code());
  }

  @Test
  void helpListsTheFlagsAndPointsToTheOneExitCodeList() {
    assertThat(run("diagnose", "--help")).isZero();
    assertThat(out.toString()).contains("--cluster=NAME", "--service=NAME", "--since=DURATION", "--junit=FILE",
        "--dotenv=FILE", "--rules=FILE", "--endpoint-url=URL", "Exit codes: see 'ecs-gate --help'");

    out.getBuffer().setLength(0);
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Exit codes:", "  3    Could not gate or diagnose",
        "  2    No verdict in time", "not steady yet");
  }
}
