package io.ecsgate.cli;

import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.report.ExitCode;
import io.ecsgate.report.SlackAlerts;
import io.ecsgate.slack.MentionMap;
import io.ecsgate.slack.SlackAlert;
import io.ecsgate.slack.SlackNotifier;
import io.ecsgate.slack.SlackResult;
import io.ecsgate.slack.SlackSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Sends the report to Slack as {@link SlackOptions} and the environment ask, after the report is
 * out. A Slack outage, a rejected token or a bad mention map is one warning on stderr and leaves
 * the verdict's exit code alone, unless {@code --slack-required} makes it exit code 4. Without a
 * token or a webhook nothing is sent and nothing is said, unless a channel or a dry run was asked
 * for: then the payload is printed with a note.
 */
final class SlackDelivery {
  private SlackDelivery() {}

  /** @return the exit code: {@code exitCode}, or {@link ExitCode#SLACK} when a required message was not sent */
  static int notify(FailureReport report, SlackOptions options, Map<String, String> env, PrintWriter err, int exitCode) {
    return notify(report, options, env, err, exitCode, (alert, result) -> {});
  }

  /** @param sent sees each alert's result, e.g. the ts of the message the state table records */
  static int notify(FailureReport report, SlackOptions options, Map<String, String> env, PrintWriter err, int exitCode,
      BiConsumer<SlackAlert, SlackResult> sent) {
    SlackSettings settings = settings(options, env);
    boolean asked = options.dryRun || settings.channel() != null || options.required;
    if (settings.transport() == SlackSettings.Transport.NONE && !asked) {
      return exitCode; // Slack is not set up: not a word
    }
    List<SlackAlert> alerts = SlackAlerts.from(report, options.notify == SlackOptions.Notify.always, env,
        options.mentionEmail);
    if (alerts.isEmpty()) {
      return exitCode;
    }
    boolean failed = false;
    if (options.mentionMap != null) {
      try {
        settings = settings.withMentionMap(MentionMap.load(options.mentionMap));
      } catch (IOException e) {
        err.println("ecs-gate: warning: ignoring --mention-map: " + SafeText.oneLine(e.getMessage()));
        failed = true;
      }
    }
    try (SlackNotifier notifier = new SlackNotifier(settings)) {
      send:
      for (int i = 0; i < alerts.size(); i++) {
        SlackAlert alert = alerts.get(i);
        String service = SafeText.oneLine(alert.service(), 255);
        SlackResult r = notifier.send(alert);
        sent.accept(alert, r);
        switch (r.status()) {
          case SENT -> err.println("ecs-gate: slack: " + service + ": " + SafeText.oneLine(r.detail()));
          case PRINTED -> print(err, "ecs-gate: slack " + SafeText.oneLine(r.detail()) + "; the payload for " + service + ":", r);
          case SKIPPED -> {
            print(err, "ecs-gate: slack: not sent, " + SafeText.oneLine(r.detail()) + "; the payload for " + service + ":", r);
            failed |= options.required && !options.dryRun;
          }
          case FAILED -> {
            int left = alerts.size() - i - 1;
            err.println("ecs-gate: " + (options.required ? "error" : "warning") + ": failed to send the Slack message for "
                + service + ": " + SafeText.oneLine(r.detail())
                + (left > 0 ? " (" + left + " more not sent)" : "")
                + (options.required ? "" : "; the verdict and exit code are unchanged"));
            failed = true;
            break send; // the same cause would fail the rest
          }
          default -> throw new IllegalStateException(r.status().name());
        }
      }
    }
    err.flush();
    return failed && options.required ? ExitCode.SLACK.code() : exitCode;
  }

  /** The Slack settings the options and the environment make. */
  static SlackSettings settings(SlackOptions options, Map<String, String> env) {
    SlackSettings settings = SlackSettings.fromEnvironment(env).withDryRun(options.dryRun);
    return options.channel != null ? settings.withChannel(options.channel) : settings;
  }

  /** Whether a message would be posted with a bot token to a channel, so it has a ts others can reply to. */
  static boolean postsWithBot(SlackOptions options, Map<String, String> env) {
    SlackSettings settings = settings(options, env);
    return settings.transport() == SlackSettings.Transport.BOT_TOKEN && settings.channel() != null && !options.dryRun;
  }

  private static void print(PrintWriter err, String header, SlackResult r) {
    err.println(header);
    r.payloads().forEach(err::println);
  }
}
