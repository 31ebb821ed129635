package io.ecsgate.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.Category;
import io.ecsgate.slack.SlackResult.Status;
import io.ecsgate.slack.testing.SlackPayloads;
import io.ecsgate.slack.testing.SlackStub;
import io.ecsgate.slack.testing.SlackStub.Request;
import io.ecsgate.slack.testing.SlackStub.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The notifier against a local stand-in for Slack, with slack-api-client pointed at it. */
class SlackNotifierTest {
  private static final String TOKEN = "xoxb-0000-1111-s3cr3tT0k3n";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SlackStub slack = SlackStub.start();
  /** What the notifier waited for: it never really sleeps here. */
  private final List<Duration> waits = new ArrayList<>();

  @AfterEach
  void stop() {
    slack.close();
  }

  private SlackSettings bot() {
    return new SlackSettings(TOKEN, null, slack.apiUrl(), "#deploys", null, false, Duration.ofSeconds(5));
  }

  private SlackSettings webhook() {
    return new SlackSettings(null, slack.webhookUrl(), null, null, null, false, Duration.ofSeconds(5));
  }

  private SlackResult send(SlackSettings settings, SlackAlert alert) {
    try (SlackNotifier notifier = new SlackNotifier(settings, waits::add)) {
      return notifier.send(alert);
    }
  }

  @Test
  void aBotLooksUpTheMentionPostsTheMessageThenTheDetailsInItsThread() throws Exception {
    SlackResult result = send(bot(), Alerts.crashLoop().build());

    assertThat(result.status()).isEqualTo(Status.SENT);
    assertThat(result.detail()).isEqualTo("sent to #deploys (1 thread reply, mention by users.lookupByEmail)");
    assertThat(slack.calls()).containsExactly("users.lookupByEmail", "chat.postMessage", "chat.postMessage");
    List<Request> requests = slack.requests();
    requests.forEach(r -> assertThat(r.headers()).containsEntry("authorization", "Bearer " + TOKEN));
    assertThat(requests.get(0).form()).containsEntry("email", "alice@example.com");

    Map<String, String> main = requests.get(1).form();
    // The client writes false as 0; Slack reads both.
    assertThat(main).containsEntry("channel", "#deploys").containsEntry("unfurl_links", "0")
        .containsEntry("link_names", "0").doesNotContainKey("thread_ts");
    assertThat(main.get("text")).startsWith("Failed: demo/web - 5 of the last 5").endsWith("(started by <@U0ALICE42>)");
    JsonNode blocks = JSON.readTree(main.get("blocks"));
    assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
    assertThat(blocks.toString()).contains("*Started by*\\n<@U0ALICE42>", "APP_EXIT 14", "|CI job>");

    Map<String, String> reply = requests.get(2).form();
    assertThat(reply).containsEntry("channel", "#deploys").containsEntry("thread_ts", SlackStub.ts(1));
    assertThat(reply.get("blocks")).contains("Stopped tasks (2, newest first)", "PAYMENT_API_URL");
    assertThat(result.payloads()).hasSize(2);
    assertThat(String.join("\n", result.payloads())).doesNotContain(TOKEN);
  }

  @Test
  void aReplyInAnotherMessagesThreadPostsTheHeadlineAndItsDetailsAllInThatThread() {
    String gatesMessage = "1700000000.000100";

    SlackResult result;
    try (SlackNotifier notifier = new SlackNotifier(bot(), waits::add)) {
      result = notifier.postInThread("#deploys", gatesMessage, Alerts.crashLoop().build());
    }

    assertThat(result.status()).isEqualTo(Status.SENT);
    assertThat(result.ts()).as("the headline reply's own ts, for updates").isEqualTo(SlackStub.ts(1));
    assertThat(slack.calls()).as("no mention lookup: the thread's message has the mention")
        .containsExactly("chat.postMessage", "chat.postMessage");
    slack.requests().forEach(r -> assertThat(r.form()).containsEntry("channel", "#deploys")
        .containsEntry("thread_ts", gatesMessage));
    assertThat(result.detail()).isEqualTo("replied in the thread of " + gatesMessage + " in #deploys (2 replies)");
  }

  /**
   * The Lambda's cold start prepares the client on another thread while it reads the event: that
   * sends nothing, and the message after it goes out as it would have.
   */
  @Test
  void preparingTheClientOnAnotherThreadSendsNothingAndTheNextMessageIsSent() throws Exception {
    for (SlackSettings settings : List.of(bot(), webhook())) {
      int before = slack.requests().size();
      try (SlackNotifier notifier = new SlackNotifier(settings, waits::add)) {
        Thread ahead = new Thread(notifier::prepare);
        ahead.start();
        ahead.join();
        assertThat(slack.requests()).as("requests after prepare()").hasSize(before);
        assertThat(notifier.send(Alerts.crashLoop().build()).status()).isEqualTo(Status.SENT);
      }
      assertThat(slack.requests().size()).as("the message was sent").isGreaterThan(before);
    }
  }

  @Test
  void aWebhookCannotReplyInAThreadAndSaysSo() {
    SlackResult result;
    try (SlackNotifier notifier = new SlackNotifier(webhook(), waits::add)) {
      result = notifier.postInThread("#deploys", "1700000000.000100", Alerts.crashLoop().build());
    }

    assertThat(result.status()).isEqualTo(Status.SKIPPED);
    assertThat(slack.requests()).isEmpty();
  }

  @Test
  void bareUrlsInUntrustedTextAreNotLinkedWhileOurLinksAre() throws Exception {
    SlackAlert alert = Alerts.crashLoop()
        .verdict("image pull failed: see https://evil.example/login and www.evil.example")
        .reason(new SlackAlert.Reason(Category.IMAGE_PULL, "app", null, "CannotPullContainerError",
            "Container app could not pull its image: https://evil.example/login", 3))
        .build();

    try (SlackNotifier notifier = new SlackNotifier(bot(), waits::add);
         SlackNotifier hook = new SlackNotifier(webhook(), waits::add)) {
      notifier.send(alert);
      notifier.update("#deploys", SlackStub.ts(1), alert);
      hook.send(alert);
    }

    List<Request> web = slack.requests().stream().filter(r -> r.call().startsWith("chat.")).toList();
    assertThat(web).extracting(Request::call).containsExactly("chat.postMessage", "chat.postMessage", "chat.update");
    for (Request r : web) {
      // parse=none: the top-level text (notifications) is not scanned for URLs either.
      assertThat(r.form()).as(r.call()).containsEntry("parse", "none");
      JsonNode blocks = JSON.readTree(r.form().get("blocks"));
      SlackPayloads.assertNoAutoLinking(blocks);
      assertThat(blocks.toString()).doesNotContain("<https://evil.example", "<http://www.evil.example");
    }
    JsonNode main = JSON.readTree(web.get(0).form().get("blocks"));
    assertThat(main.toString()).contains("see https://evil.example/login and www.evil.example",
        "<https://gitlab.example.com/shop/web/-/jobs/4711|CI job>");
    JsonNode webhookBody = JSON.readTree(calls("webhook").get(0).body());
    assertThat(webhookBody.get("parse").asText()).isEqualTo("none");
    SlackPayloads.assertNoAutoLinking(webhookBody.get("blocks"));
    assertThat(webhookBody.get("blocks").toString()).contains("|CI job>").doesNotContain("<https://evil.example");
  }

  @Test
  void aPostToAnotherChannelGivesTheTsThatAnUpdateThenReplaces() throws Exception {
    try (SlackNotifier notifier = new SlackNotifier(bot(), waits::add)) {
      SlackResult posted = notifier.post("#payments", Alerts.crashLoop().build());
      SlackResult updated = notifier.update("#payments", posted.ts(),
          Alerts.crashLoop().verdict("1000 tasks stopped <!channel>").build());

      assertThat(posted.status()).isEqualTo(Status.SENT);
      assertThat(posted.ts()).isEqualTo(SlackStub.ts(1));
      assertThat(updated.status()).isEqualTo(Status.SENT);
    }
    Request update = slack.requests().get(slack.requests().size() - 1);
    assertThat(update.call()).isEqualTo("chat.update");
    assertThat(update.form()).containsEntry("channel", "#payments").containsEntry("ts", SlackStub.ts(1));
    assertThat(update.form().get("blocks")).contains("1000 tasks stopped &lt;!channel&gt;").doesNotContain("<!channel>");
    assertThat(slack.requests().get(1).form()).containsEntry("channel", "#payments");
  }

  @Test
  void aFailedUpdateIsAFailureAndAWebhookCannotUpdate() {
    slack.respond("chat.update", Response.error("message_not_found"));
    SlackResult failed;
    SlackResult viaWebhook;
    try (SlackNotifier notifier = new SlackNotifier(bot(), waits::add);
         SlackNotifier hook = new SlackNotifier(webhook(), waits::add)) {
      failed = notifier.update("#deploys", "1.2", Alerts.crashLoop().build());
      viaWebhook = hook.update(null, "1.2", Alerts.crashLoop().build());
    }

    assertThat(failed.failed()).isTrue();
    assertThat(failed.detail()).contains("message_not_found").doesNotContain(TOKEN);
    assertThat(viaWebhook.status()).isEqualTo(Status.SKIPPED);
    assertThat(slack.calls()).containsExactly("chat.update");
  }

  @Test
  void whenTheLookupFindsNobodyOrMayNotAskTheMentionMapDecidesThenTheName() {
    SlackSettings withMap = bot().withMentionMap(MentionMap.of(Map.of("alice", "U0MAPPED1")));
    slack.respond("users.lookupByEmail", Response.error("users_not_found"), Response.error("missing_scope"),
        Response.error("users_not_found"));

    SlackResult notFound = send(withMap, Alerts.crashLoop().build());
    SlackResult noScope = send(withMap, Alerts.crashLoop().build());
    SlackResult unmapped = send(bot(), Alerts.crashLoop().build());

    assertThat(notFound.detail()).contains("mention by mention map");
    assertThat(noScope.detail()).contains("mention by mention map");
    assertThat(unmapped.detail()).contains("mention by name");
    List<String> texts = slack.requests().stream().filter(r -> r.call().equals("chat.postMessage"))
        .filter(r -> !r.form().containsKey("thread_ts")).map(r -> r.form().get("text")).toList();
    assertThat(texts).hasSize(3);
    assertThat(texts.get(0)).endsWith("(started by <@U0MAPPED1>)");
    assertThat(texts.get(1)).endsWith("(started by <@U0MAPPED1>)");
    assertThat(texts.get(2)).endsWith("(started by Alice Example (alice))");
  }

  @Test
  void aRateLimitIsWaitedOutAsSlackAsks() {
    slack.respond("chat.postMessage", Response.rateLimited(7));

    SlackResult result = send(bot(), Alerts.crashLoop().build());

    assertThat(result.status()).isEqualTo(Status.SENT);
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
    assertThat(slack.calls()).containsExactly("users.lookupByEmail", "chat.postMessage", "chat.postMessage", "chat.postMessage");
    assertThat(slack.requests().get(3).form()).containsEntry("thread_ts", SlackStub.ts(1));
  }

  @Test
  void aRateLimitLongerThanTheBudgetIsNotWaitedFor() {
    slack.respond("chat.postMessage", Response.rateLimited(120));

    SlackResult result = send(bot(), Alerts.crashLoop().build());

    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.detail()).isEqualTo("rate limited by Slack (HTTP 429, Retry-After 120 s), not waiting beyond 30 s");
    assertThat(waits).isEmpty();
  }

  @Test
  void aPersistentServerErrorIsTriedThreeTimesThenOneLine() {
    Response down = Response.status(500, "<html>upstream error</html>");
    slack.respond("users.lookupByEmail", down, down, down).respond("chat.postMessage", down, down, down);

    SlackResult result = send(bot(), Alerts.crashLoop().build());

    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.detail()).isEqualTo("Slack answered HTTP 500, 3 tries");
    assertThat(slack.calls()).containsExactly("users.lookupByEmail", "users.lookupByEmail", "users.lookupByEmail",
        "chat.postMessage", "chat.postMessage", "chat.postMessage");
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void aRejectedTokenIsOneClearLineWithoutTheToken() {
    slack.respond("users.lookupByEmail", Response.error("invalid_auth")).respond("chat.postMessage", Response.error("invalid_auth"));

    SlackResult result = send(bot(), Alerts.crashLoop().build());

    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.detail()).isEqualTo("invalid_auth: Slack did not accept the bot token (check SLACK_BOT_TOKEN)");
    assertThat(slack.calls()).containsExactly("users.lookupByEmail", "chat.postMessage");
    assertThat(waits).isEmpty();
  }

  @Test
  void aMissingChannelOrAFailedReplyIsSaid() {
    slack.respond("chat.postMessage", Response.ok("\"ts\":\"1700000000.000100\""), Response.error("channel_not_found"));

    SlackResult replyFailed = send(bot(), Alerts.crashLoop().build());
    SlackResult noChannel = send(bot().withChannel(null), Alerts.crashLoop().build());

    assertThat(replyFailed.status()).isEqualTo(Status.SENT);
    assertThat(replyFailed.detail()).endsWith(", 1 thread replies not sent: channel_not_found: no such channel, or the app"
        + " cannot see it (invite the app to the channel)");
    assertThat(noChannel.status()).isEqualTo(Status.FAILED);
    assertThat(noChannel.detail()).isEqualTo("SLACK_BOT_TOKEN is set but no channel was given");
  }

  @Test
  void aWebhookGetsOneJsonPostWithTheDetailsAndNoToken() throws Exception {
    SlackSettings settings = webhook().withMentionMap(MentionMap.of(Map.of("alice", "U0MAPPED1")));

    SlackResult result = send(settings, Alerts.crashLoop().build());

    assertThat(result.status()).isEqualTo(Status.SENT);
    assertThat(result.detail()).isEqualTo("sent to SLACK_WEBHOOK_URL (mention by mention map)");
    assertThat(slack.calls()).containsExactly("webhook");
    Request post = slack.requests().get(0);
    assertThat(post.headers()).doesNotContainKey("authorization");
    assertThat(post.headers().get("content-type")).startsWith("application/json");
    JsonNode payload = JSON.readTree(post.body());
    assertThat(payload.get("text").asText()).endsWith("(started by <@U0MAPPED1>)");
    assertThat(payload.get("blocks").toString()).contains("APP_EXIT 14", "Stopped tasks (2, newest first)", "PAYMENT_API_URL");
    assertThat(payload.has("channel")).isFalse();
    BlockKitTest.assertWithinLimits(payload);
    assertThat(result.detail() + result.payloads()).doesNotContain(SlackStub.WEBHOOK_PATH);
  }

  @Test
  void aWebhookIsRetriedOnRateLimitsAndItsErrorsNeverShowTheUrl() {
    slack.respond("webhook", Response.rateLimited(2), Response.status(404, "channel_not_found"));

    SlackResult result = send(webhook(), Alerts.crashLoop().build());

    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.detail()).isEqualTo("channel_not_found: no such channel, or the app cannot see it (invite the app to the channel)");
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
    assertThat(slack.calls()).containsExactly("webhook", "webhook");
  }

  @Test
  void anUnreachableSlackIsOneLineAfterTheRetries() {
    String deadUrl = slack.webhookUrl();
    slack.close(); // nothing listens on that port any more

    SlackResult result = send(new SlackSettings(null, deadUrl, null, null, null, false, Duration.ofSeconds(2)),
        Alerts.crashLoop().build());

    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.detail()).isEqualTo("cannot connect to Slack, 3 tries").doesNotContain(SlackStub.WEBHOOK_PATH);
    assertThat(waits).hasSize(2);
  }

  @Test
  void aDryRunRendersEverythingAndCallsNothing() throws Exception {
    SlackResult botRun = send(bot().withDryRun(true), Alerts.crashLoop().build());
    SlackResult hookRun = send(webhook().withDryRun(true), Alerts.crashLoop().build());
    SlackResult nothing = send(new SlackSettings(null, null, null, "#deploys", null, false, null), Alerts.crashLoop().build());

    assertThat(slack.requests()).isEmpty();
    assertThat(botRun.status()).isEqualTo(Status.PRINTED);
    assertThat(botRun.detail()).isEqualTo("dry run: would call chat.postMessage at " + slack.apiUrl()
        + " with SLACK_BOT_TOKEN (set), channel #deploys");
    assertThat(botRun.payloads()).hasSize(2);
    JsonNode main = JSON.readTree(botRun.payloads().get(0));
    assertThat(main.get("channel").asText()).isEqualTo("#deploys");
    assertThat(main.get("text").asText()).endsWith("(started by Alice Example (alice))"); // no lookup in a dry run
    assertThat(JSON.readTree(botRun.payloads().get(1)).get("thread_ts").asText()).isEqualTo("(ts of the message above)");
    assertThat(hookRun.detail()).isEqualTo("dry run: would POST to SLACK_WEBHOOK_URL (set)");
    assertThat(hookRun.payloads()).hasSize(1);
    assertThat(nothing.status()).isEqualTo(Status.SKIPPED);
    assertThat(nothing.detail()).isEqualTo("neither SLACK_BOT_TOKEN nor SLACK_WEBHOOK_URL is set");
    assertThat(nothing.payloads()).isNotEmpty();
    for (SlackResult r : List.of(botRun, hookRun, nothing)) {
      assertThat(r.detail() + r.payloads()).doesNotContain(TOKEN, SlackStub.WEBHOOK_PATH);
    }
  }

  @Test
  void settingsNeverShowTheirSecrets() {
    assertThat(new SlackSettings(TOKEN, slack.webhookUrl(), null, "#c", null, false, null).toString())
        .doesNotContain(TOKEN, SlackStub.WEBHOOK_PATH).contains("botToken=(set)", "webhookUrl=(set)");
  }

  private List<Request> calls(String call) {
    return slack.requests().stream().filter(r -> r.call().equals(call)).toList();
  }
}
