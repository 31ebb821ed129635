package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.report.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code wait} takes {@code aws ecs wait services-stable}'s spelling, so that a pipeline switches by
 * changing the command's name: {@code --services a b} and {@code --cluster} defaulting to
 * {@code default}, as the awscli's.
 */
class WaitCommandTest {

  @Test
  void theAwscliLineParsesWithOnlyTheCommandNameChanged() {
    WaitCommand cmd = CommandLine.populateCommand(new WaitCommand(),
        "--cluster", "prod", "--services", "web", "api", "--region", "eu-west-1");

    assertThat(cmd.gate.cluster).isEqualTo("prod");
    assertThat(cmd.gate.services).containsExactly("web", "api");
    assertThat(cmd.gate.mistake()).isNull();
  }

  @Test
  void withoutClusterItIsTheDefaultClusterAsForTheAwscli() {
    WaitCommand cmd = CommandLine.populateCommand(new WaitCommand(), "--services", "web", "api", "--timeout", "5m");

    assertThat(cmd.gate.cluster).isEqualTo("default");
    assertThat(cmd.gate.services).containsExactly("web", "api");
    assertThat(cmd.gate.timeout).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void theRepeatableServiceStillWorksAndBothSpellingsAddUp() {
    WaitCommand repeated = CommandLine.populateCommand(new WaitCommand(), "--cluster", "c", "--service", "a", "--service", "b");
    WaitCommand mixed = CommandLine.populateCommand(new WaitCommand(), "--service", "a", "--services", "b", "c",
        "--service", "a");

    assertThat(repeated.gate.services).containsExactly("a", "b");
    assertThat(mixed.gate.services).containsExactly("a", "b", "c");
  }

  @Test
  void deployKeepsItsClusterRequired() {
    StringWriter err = new StringWriter();

    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "deploy", "--service", "web");

    assertThat(code).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).startsWith("ecs-gate: missing required option: '--cluster=CLUSTER'");
  }

  @Test
  void waitWithoutAnyServiceIsAUsageErrorNamingBothSpellings() {
    StringWriter err = new StringWriter();

    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "wait", "--cluster", "prod");

    assertThat(code).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString().lines()).containsExactly(
        "ecs-gate: no service to gate: give --service NAME (repeat it for several) or --services NAME..."
            + " (try 'ecs-gate wait --help')");
  }
}
