package io.ecsgate.slack;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how to send: a bot token and channel ({@code chat.postMessage}, details as thread
 * replies) or an incoming webhook (one message). The token and the webhook URL are secrets:
 * {@link #toString()} never shows them, and neither does anything else in this module.
 *
 * @param botToken {@code SLACK_BOT_TOKEN} ({@code xoxb-…}), or null
 * @param webhookUrl {@code SLACK_WEBHOOK_URL}, or null
 * @param apiUrl the Web API base URL ({@code SLACK_API_URL}), default {@code https://slack.com/api/}
 * @param channel a channel id or name for the bot token
 * @param dryRun render the payloads and send nothing
 * @param callTimeout the longest one HTTP call may take
 */
public record SlackSettings(
    String botToken, String webhookUrl, String apiUrl, String channel, MentionMap mentionMap, boolean dryRun,
    Duration callTimeout) {

  public static final String DEFAULT_API_URL = "https://slack.com/api/";
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

  /** How a message goes out. */
  public enum Transport {
    /** {@code chat.postMessage} with a bot token. */
    BOT_TOKEN,
    /** One POST to an incoming webhook. */
    WEBHOOK,
    /** Neither a token nor a webhook is set. */
    NONE
  }

  public SlackSettings {
    botToken = blankToNull(botToken);
    webhookUrl = blankToNull(webhookUrl);
    apiUrl = blankToNull(apiUrl) == null ? DEFAULT_API_URL : apiUrl.strip();
    channel = blankToNull(channel);
    mentionMap = mentionMap == null ? MentionMap.empty() : mentionMap;
    callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
  }

  /**
   * From {@code SLACK_BOT_TOKEN}, {@code SLACK_WEBHOOK_URL}, {@code SLACK_API_URL} and
   * {@code SLACK_CHANNEL}.
   */
  public static SlackSettings fromEnvironment(Map<String, String> env) {
    return new SlackSettings(env.get("SLACK_BOT_TOKEN"), env.get("SLACK_WEBHOOK_URL"), env.get("SLACK_API_URL"),
        env.get("SLACK_CHANNEL"), null, false, null);
  }

  public SlackSettings withChannel(String newChannel) {
    return new SlackSettings(botToken, webhookUrl, apiUrl, newChannel, mentionMap, dryRun, callTimeout);
  }

  public SlackSettings withMentionMap(MentionMap map) {
    return new SlackSettings(botToken, webhookUrl, apiUrl, channel, map, dryRun, callTimeout);
  }

  public SlackSettings withDryRun(boolean newDryRun) {
    return new SlackSettings(botToken, webhookUrl, apiUrl, channel, mentionMap, newDryRun, callTimeout);
  }

  public SlackSettings withCallTimeout(Duration timeout) {
    return new SlackSettings(botToken, webhookUrl, apiUrl, channel, mentionMap, dryRun, timeout);
  }

  /**
   * The bot token when one is set (it needs a channel), else the webhook, else none. A bot token
   * without a channel gives way to a webhook when both are set.
   */
  public Transport transport() {
    if (botToken != null && (channel != null || webhookUrl == null)) {
      return Transport.BOT_TOKEN;
    }
    return webhookUrl != null ? Transport.WEBHOOK : Transport.NONE;
  }

  /** The Web API base URL, ending with '/'. */
  public String methodsUrlPrefix() {
    return apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
  }

  /** Never shows the token or the webhook URL. */
  @Override
  public String toString() {
    return "SlackSettings[transport=" + transport() + ", botToken=" + (botToken == null ? "unset" : "(set)")
        + ", webhookUrl=" + (webhookUrl == null ? "unset" : "(set)") + ", apiUrl=" + apiUrl + ", channel=" + channel
        + ", mentionMap=" + mentionMap.size() + " entries, dryRun=" + dryRun + ", callTimeout=" + callTimeout + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
