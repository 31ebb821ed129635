package io.ecsgate.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.slack.internal.BlockKit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The messages, checked on the JSON Slack would receive: content, escaping and every limit. */
class BlockKitTest {
  private static final String MENTION = "<@U0ALICE42>";

  @Test
  void theMainMessageSaysWhatFailedWhyWhoAndWhereToLook() {
    BlockKit.Rendered r = BlockKit.forBot(Alerts.crashLoop().build(), MENTION);
    String blocks = r.main().get("blocks").toString();

    assertThat(r.main().get("text").asText())
        .isEqualTo("Failed: demo/web - 5 of the last 5 stopped tasks failed: APP_EXIT (exit 1) (started by <@U0ALICE42>)");
    assertThat(r.main().get("blocks").get(0).get("type").asText()).isEqualTo("header");
    assertThat(r.main().get("blocks").get(0).get("text").get("text").asText()).isEqualTo(":x: Failed: demo/web");
    assertThat(blocks)
        .contains("5 of the last 5 stopped tasks failed: APP_EXIT (exit 1)")
        .contains("*Service*\\nweb", "*Cluster*\\ndemo", "*Region*\\nus-east-1", "*Environment*\\nproduction",
            "*Project*\\nshop/web", "*Commit*\\na1b2c3d4", "*Started by*\\n<@U0ALICE42>")
        .contains("*Categories:* APP_EXIT 14, DEPLOYMENT_OR_SCALING 2")
        .contains("• 14× APP_EXIT, exit 1, container app: Container app exited with code 1 (application error)")
        .contains("*Hint:* Read the container's last log lines")
        .contains("<https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/demo/services/web/events?region=us-east-1|ECS service>")
        .contains("/tasks/98fc33ed/configuration?region=us-east-1|Failed task>")
        .contains("log-group/$252Fecs$252Fweb|Log stream>")
        .contains("<https://gitlab.example.com/shop/web/-/jobs/4711|CI job>", "<https://gitlab.example.com/shop/web/-/pipelines/815|Pipeline>")
        .contains("ecs-gate deploy");
    assertThat(r.main().get("unfurl_links").asBoolean()).isFalse();
    assertThat(r.replies()).hasSize(1);
    String reply = r.replies().get(0).get("blocks").toString();
    assertThat(reply).contains("*Stopped tasks (2, newest first)*\\nALERT APP_EXIT task 98fc33ed",
        "*Last log lines of app, task 98fc33ed (APP_EXIT)*\\n```\\nERROR [main]", "PAYMENT_API_URL'\\n```");
  }

  @Test
  void anAlertWithoutDetailsHasNoReplies() {
    SlackAlert bare = SlackAlert.builder().outcome("TIMED_OUT").service("api").verdict("not stable after 15m").build();

    BlockKit.Rendered r = BlockKit.forBot(bare, null);

    assertThat(r.replies()).isEmpty();
    assertThat(r.main().get("text").asText()).isEqualTo("Timed out: api - not stable after 15m");
    assertThat(r.main().get("blocks").get(0).get("text").get("text").asText()).isEqualTo(":hourglass: Timed out: api");
  }

  @Test
  void hostileTextNeverBecomesAMentionALinkOrMarkup() {
    SlackAlert alert = Alerts.hostileAndHuge();
    List<ObjectNode> messages = new ArrayList<>();
    BlockKit.Rendered r = BlockKit.forBot(alert, MENTION);
    messages.add(r.main());
    messages.addAll(r.replies());
    messages.add(BlockKit.forWebhook(alert, MENTION));

    for (ObjectNode m : messages) {
      for (String text : texts(m)) {
        // The only '<' left open are our links and the mention; everything ECS wrote is escaped.
        String withoutOurs = text.replaceAll("<https://[^|<>]+\\|[^<>]+>", "").replace(MENTION, "");
        assertThat(withoutOurs).doesNotContain("<", ">").doesNotContain("\u202e");
        assertThat(text).doesNotContain("evil.example|click>");
      }
      assertThat(m.toString()).contains("&lt;!channel&gt;", "&lt;@U123&gt;", "&lt;https://evil.example|click&gt;", "&amp;");
    }
    // Inside code blocks, backticks from the logs are look-alikes: the block cannot be closed early.
    String logs = r.replies().toString();
    assertThat(logs).contains("ˋˋˋ &lt;!channel&gt;").doesNotContain("``` &lt;!channel");
  }

  @Test
  void longContentIsCutWithinSlacksLimitsNeverRejected() {
    SlackAlert alert = Alerts.hostileAndHuge();
    BlockKit.Rendered r = BlockKit.forBot(alert, MENTION);
    List<ObjectNode> messages = new ArrayList<>(r.replies());
    messages.add(0, r.main());
    ObjectNode webhook = BlockKit.forWebhook(alert, MENTION);
    messages.add(webhook);

    for (ObjectNode m : messages) {
      assertWithinLimits(m);
    }
    assertThat(r.replies()).hasSize(BlockKit.MAX_REPLIES);
    assertThat(r.replies().get(BlockKit.MAX_REPLIES - 1).toString()).contains("more sections not shown");
    assertThat(r.replies().get(0).toString()).contains("more lines\\n```", "more lines\"");
    assertThat(webhook.toString()).contains("more sections not shown");
    assertThat(r.main().toString()).contains("• … and 2 more");
    assertThat(r.main().get("blocks").get(0).get("text").get("text").asText()).hasSizeLessThanOrEqualTo(BlockKit.HEADER_MAX);
  }

  static void assertWithinLimits(JsonNode message) {
    assertThat(message.get("text").asText()).hasSizeLessThanOrEqualTo(BlockKit.FALLBACK_MAX);
    JsonNode blocks = message.get("blocks");
    assertThat(blocks.size()).isBetween(1, BlockKit.MAX_BLOCKS);
    int total = 0;
    for (JsonNode block : blocks) {
      switch (block.get("type").asText()) {
        case "header" -> {
          assertThat(block.get("text").get("type").asText()).isEqualTo("plain_text");
          assertThat(block.get("text").get("text").asText()).hasSizeLessThanOrEqualTo(BlockKit.HEADER_MAX);
          total += block.get("text").get("text").asText().length();
        }
        case "section" -> {
          if (block.has("text")) {
            assertThat(block.get("text").get("text").asText()).hasSizeLessThanOrEqualTo(BlockKit.SECTION_MAX);
            total += block.get("text").get("text").asText().length();
          }
          if (block.has("fields")) {
            assertThat(block.get("fields").size()).isLessThanOrEqualTo(BlockKit.MAX_FIELDS);
            for (JsonNode f : block.get("fields")) {
              assertThat(f.get("text").asText()).hasSizeLessThanOrEqualTo(BlockKit.FIELD_MAX);
              total += f.get("text").asText().length();
            }
          }
        }
        case "context" -> {
          assertThat(block.get("elements").size()).isLessThanOrEqualTo(10);
          for (JsonNode e : block.get("elements")) {
            assertThat(e.get("text").asText()).hasSizeLessThanOrEqualTo(BlockKit.SECTION_MAX);
            total += e.get("text").asText().length();
          }
        }
        case "divider" -> { }
        default -> throw new AssertionError("unexpected block " + block);
      }
    }
    assertThat(total).as("characters of block text").isLessThanOrEqualTo(BlockKit.MESSAGE_BUDGET);
  }

  /** Every "text" string in a message. */
  static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals("text") && e.getValue().isTextual()) {
          out.add(e.getValue().asText());
        } else {
          out.addAll(texts(e.getValue()));
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> out.addAll(texts(n)));
    }
    return out;
  }
}
