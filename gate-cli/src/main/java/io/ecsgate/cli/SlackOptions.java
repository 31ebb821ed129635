package io.ecsgate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Who hears about the result in Slack: shared by deploy, wait and diagnose. The token and the
 * webhook URL are secrets and come only from the environment ({@code SLACK_BOT_TOKEN},
 * {@code SLACK_WEBHOOK_URL}), never from flags. The GitLab CI template uses these flag names.
 */
final class SlackOptions {
  enum Notify { failure, always }

  @Option(names = "--slack-channel", paramLabel = "CHANNEL",
      description = "Channel (id or #name) the bot token posts to (default: $SLACK_CHANNEL).")
  String channel;

  @Option(names = "--notify", paramLabel = "WHEN", defaultValue = "failure",
      description = "failure (default): one Slack message per service that did not end stable; always: also for stable ones.")
  Notify notify = Notify.failure;

  @Option(names = "--mention-email", paramLabel = "EMAIL",
      description = "Whom to mention, found with users.lookupByEmail (default: $GITLAB_USER_EMAIL).")
  String mentionEmail;

  @Option(names = "--mention-map", paramLabel = "FILE",
      description = "YAML mapping of GitLab login to Slack user id (jdoe: U012ABCDEF), used when the email"
          + " lookup is not allowed or finds nobody.")
  Path mentionMap;

  @Option(names = "--slack-required",
      description = "A Slack message that cannot be sent fails the command with exit code 4 (default: a warning,"
          + " and the verdict's exit code).")
  boolean required;

  @Option(names = "--slack-dry-run",
      description = "Print the Slack payloads to stderr instead of sending them.")
  boolean dryRun;
}
