package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.report.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parsing only: the Slack flags on deploy, wait and diagnose, and exit code 4 in the help. */
class SlackOptionsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void theFlagsTheCiTemplateUses() {
    DeployCommand deploy = CommandLine.populateCommand(new DeployCommand(), "--cluster", "c", "--service", "s",
        "--slack-channel", "C0DEPLOYS", "--notify", "always", "--mention-email", "bob@example.com",
        "--mention-map", "mentions.yml", "--slack-required", "--slack-dry-run");

    assertThat(deploy.slack.channel).isEqualTo("C0DEPLOYS");
    assertThat(deploy.slack.notify).isEqualTo(SlackOptions.Notify.always);
    assertThat(deploy.slack.mentionEmail).isEqualTo("bob@example.com");
    assertThat(deploy.slack.mentionMap).isEqualTo(Path.of("mentions.yml"));
    assertThat(deploy.slack.required).isTrue();
    assertThat(deploy.slack.dryRun).isTrue();
  }

  @Test
  void byDefaultOnlyFailuresAreSentAndNothingIsRequired() {
    WaitCommand wait = CommandLine.populateCommand(new WaitCommand(), "--cluster", "c", "--service", "s");

    assertThat(wait.slack.notify).isEqualTo(SlackOptions.Notify.failure);
    assertThat(wait.slack.channel).isNull();
    assertThat(wait.slack.required).isFalse();
    assertThat(wait.slack.dryRun).isFalse();
  }

  @Test
  void anUnknownNotifyValueIsAUsageError() {
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "diagnose", "--cluster", "c", "--service", "s",
        "--notify", "sometimes");

    assertThat(code).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString()).contains("--notify", "sometimes");
  }

  @Test
  void helpListsTheSlackFlagsAndExitCode4() {
    assertThat(Main.run(new PrintWriter(out), new PrintWriter(err), "deploy", "--help")).isZero();
    assertThat(Main.run(new PrintWriter(out), new PrintWriter(err), "--help")).isZero();
    assertThat(out.toString()).contains("--slack-channel=CHANNEL", "--notify=WHEN", "--mention-email=EMAIL",
        "--mention-map=FILE", "--slack-required", "--slack-dry-run", "  4    --slack-required and the Slack message");
  }
}
