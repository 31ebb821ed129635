package io.ecsgate.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.slack.SlackSettings;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The Slack credentials from Secrets Manager: the secret holds a bot token ({@code xoxb-…}) or
 * JSON {@code {"botToken": "…"}} / {@code {"webhookUrl": "…"}}. They are read when the first
 * message is due, never logged, and passed to the Slack module as if they were its environment.
 */
final class SlackSecret {
  private SlackSecret() {}

  static SlackSettings settings(SecretsManagerClient secrets, String secretArn, Map<String, String> env) {
    String value = secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
    Map<String, String> merged = new HashMap<>(env);
    merged.remove("SLACK_BOT_TOKEN");
    merged.remove("SLACK_WEBHOOK_URL");
    String v = value == null ? "" : value.strip();
    if (v.startsWith("{")) {
      try {
        JsonNode json = new ObjectMapper().readTree(v);
        put(merged, "SLACK_BOT_TOKEN", json.path("botToken").asText(null));
        put(merged, "SLACK_WEBHOOK_URL", json.path("webhookUrl").asText(null));
      } catch (IOException e) {
        throw new IllegalStateException("the Slack secret is neither a token nor JSON with botToken or webhookUrl");
      }
    } else {
      put(merged, "SLACK_BOT_TOKEN", v);
    }
    if (!merged.containsKey("SLACK_BOT_TOKEN") && !merged.containsKey("SLACK_WEBHOOK_URL")) {
      throw new IllegalStateException("the Slack secret holds neither a bot token nor a webhook URL");
    }
    return SlackSettings.fromEnvironment(merged);
  }

  private static void put(Map<String, String> env, String name, String value) {
    if (value != null && !value.isBlank()) {
      env.put(name, value.strip());
    }
  }
}
