package io.ecsgate.lambda;

import io.ecsgate.diagnosis.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The function's configuration, read once from its environment (the template sets every
 * variable from a stack parameter). A bad value fails the cold start with one line naming the
 * variable, rather than alerting wrongly for hours.
 *
 * @param slackSecretArn Secrets Manager secret with the bot token (or {"botToken"|"webhookUrl": …}); null: SLACK_* variables
 * @param defaultChannel where alerts go when no tag and no route names a channel
 * @param routes cluster/service globs to channels, first match wins
 * @param channelTag the tag key on a service or cluster that names its channel
 * @param stateTable the DynamoDB table; null: in-memory state (local runs only)
 * @param floodWindow how long one Slack message collects the same failure
 * @param longRunningAfter the sweep reports tasks running longer than this
 * @param sweepInclude the task groups the long-running sweep looks at (globs, e.g. {@code family:*})
 * @param sweepExclude task groups it skips even when included
 * @param belowDesiredAfter the sweep reports services below their desired count for longer than this
 * @param rulesFile the rules YAML shared with the CLI; null: the default policy
 */
public record LambdaSettings(
    String slackSecretArn,
    String defaultChannel,
    List<ChannelRoute> routes,
    String channelTag,
    String stateTable,
    Duration floodWindow,
    Duration longRunningAfter,
    List<String> sweepInclude,
    List<String> sweepExclude,
    Duration belowDesiredAfter,
    String rulesFile) {

  public static final String DEFAULT_CHANNEL_TAG = "ecs-gate:slack-channel";

  /** A setting that cannot be used, named by its variable. */
  public static final class InvalidSetting extends IllegalArgumentException {
    InvalidSetting(String variable, String problem) {
      super(variable + ": " + problem);
    }
  }

  public static LambdaSettings fromEnvironment(Map<String, String> env) {
    return new LambdaSettings(
        present(env.get("SLACK_TOKEN_SECRET_ARN")),
        present(env.get("DEFAULT_SLACK_CHANNEL")),
        routes(env.get("SLACK_ROUTES")),
        orDefault(env.get("SLACK_CHANNEL_TAG"), DEFAULT_CHANNEL_TAG),
        present(env.get("STATE_TABLE")),
        duration(env, "FLOOD_WINDOW", "1h"),
        duration(env, "LONG_RUNNING_AFTER", "24h"),
        globs(orDefault(env.get("SWEEP_INCLUDE_GROUPS"), "family:*")),
        globs(env.get("SWEEP_EXCLUDE_GROUPS")),
        duration(env, "BELOW_DESIRED_AFTER", "15m"),
        present(env.get("RULES_FILE")));
  }

  private static List<ChannelRoute> routes(String value) {
    try {
      return ChannelRoute.parseAll(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidSetting("SLACK_ROUTES", e.getMessage());
    }
  }

  private static Duration duration(Map<String, String> env, String name, String fallback) {
    try {
      return Durations.parse(orDefault(env.get(name), fallback));
    } catch (IllegalArgumentException e) {
      throw new InvalidSetting(name, e.getMessage());
    }
  }

  static List<String> globs(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split("[,;]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String orDefault(String value, String fallback) {
    String v = present(value);
    return v == null ? fallback : v;
  }

  private static String present(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
