package io.ecsgate.slack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks on the Block Kit a message carries, as the stand-in for Slack received it. */
public final class SlackPayloads {
  private SlackPayloads() {}

  /** Every {@code mrkdwn} text object in {@code node}, at any depth. */
  public static List<JsonNode> mrkdwnTexts(JsonNode node) {
    List<JsonNode> found = new ArrayList<>();
    collect(node, found);
    return found;
  }

  /**
   * Slack turns bare URLs in a mrkdwn text object into links unless it is {@code verbatim}; then
   * only the links we wrote as {@code <url|label>} are links. Every one must be verbatim.
   */
  public static void assertNoAutoLinking(JsonNode blocks) {
    List<JsonNode> texts = mrkdwnTexts(blocks);
    assertThat(texts).as("mrkdwn text objects").isNotEmpty()
        .allSatisfy(t -> assertThat(t.path("verbatim").asBoolean(false)).as("verbatim in %s", t).isTrue());
  }

  private static void collect(JsonNode node, List<JsonNode> found) {
    if (node.isObject() && "mrkdwn".equals(node.path("type").asText())) {
      found.add(node);
    }
    node.forEach(child -> collect(child, found));
  }
}
