package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.diagnosis.SimulatedAws;
import io.ecsgate.report.ExitCode;
import io.ecsgate.sim.EcsSimulator;
import io.ecsgate.sim.Scenarios;
import io.ecsgate.sim.SimulatorOptions;
import io.ecsgate.slack.testing.SlackStub.Request;
import io.ecsgate.slack.testing.SlackStub.Response;
import io.ecsgate.slack.testing.SlackStub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack end to end: deploy and diagnose through {@link Main#run} against the ECS simulator, with
 * SLACK_API_URL (or SLACK_WEBHOOK_URL) pointing at a local stand-in for Slack.
 */
class SlackNotificationIT {
  private static final String TOKEN = "xoxb-1234-5678-t0pS3cr3t";
  private static final String CLUSTER = "shop";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A crash-looping "web" with two failed tasks and a healthy "api", for diagnose. */
  private static SimulatedAws aws;

  @TempDir Path dir;
  private final SlackStub slack = SlackStub.start();
  private final Map<String, String> env = new HashMap<>(Map.of(
      "GITLAB_USER_EMAIL", "alice@example.com",
      "GITLAB_USER_LOGIN", "alice",
      "GITLAB_USER_NAME", "Alice Example",
      "CI_JOB_URL", "https://gitlab.example.com/shop/web/-/jobs/4711",
      "CI_PIPELINE_URL", "https://gitlab.example.com/shop/web/-/pipelines/815",
      "CI_ENVIRONMENT_NAME", "production",
      "CI_PROJECT_PATH", "shop/web",
      "CI_COMMIT_SHORT_SHA", "a1b2c3d4"));
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() {
    aws = SimulatedAws.start();
    aws.sim.load(Scenarios.named("healthy"), CLUSTER, "api");
    aws.sim.load(Scenarios.named("crash-loop"), CLUSTER, "web");
    aws.awaitStoppedTasks(CLUSTER, "web", aws.deploy(CLUSTER, "web"), 2);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @AfterEach
  void stopSlack() {
    slack.close();
  }

  private void useBot() {
    env.put("SLACK_BOT_TOKEN", TOKEN);
    env.put("SLACK_API_URL", slack.apiUrl());
    env.put("SLACK_CHANNEL", "#deploys");
  }

  /** ecs-gate deploy on a fresh simulator playing a crash loop: fails in about a second. */
  private int deployCrashLoop(String... extra) {
    try (EcsSimulator sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(0.01))) {
      sim.load(Scenarios.named("crash-loop"), "demo", "web");
      List<String> args = new ArrayList<>(List.of("deploy", "--cluster", "demo", "--service", "web",
          "--endpoint-url", sim.endpoint().toString(), "--region", sim.region(), "--poll-interval", "50ms", "--timeout", "9s"));
      args.addAll(List.of(extra));
      return Main.run(env, new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    }
  }

  private int diagnose(String... args) {
    List<String> all = new ArrayList<>(List.of("diagnose", "--endpoint-url", aws.sim.endpoint().toString(),
        "--region", "us-east-1", "--cluster", CLUSTER));
    all.addAll(List.of(args));
    return Main.run(env, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
  }

  private List<String> slackLines() {
    return err.toString().lines().filter(l -> l.toLowerCase().contains("slack")).toList();
  }

  @Test
  void aFailedDeployIsPostedWithTheMentionThenItsDetailsInTheThread() throws Exception {
    useBot();

    int code = deployCrashLoop();

    assertThat(code).as(err.toString()).isEqualTo(1);
    List<Request> requests = slack.requests();
    assertThat(slack.calls()).startsWith("users.lookupByEmail", "chat.postMessage", "chat.postMessage");
    assertThat(slack.calls().subList(1, slack.calls().size())).containsOnly("chat.postMessage");
    assertThat(requests.get(0).form()).containsEntry("email", "alice@example.com");
    Map<String, String> main = requests.get(1).form();
    assertThat(main).containsEntry("channel", "#deploys").doesNotContainKey("thread_ts");
    assertThat(main.get("text")).startsWith("Failed: demo/web - ").contains("failed").endsWith("(started by <@U0ALICE42>)");
    JsonNode blocks = JSON.readTree(main.get("blocks"));
    assertThat(blocks.toString()).contains("APP_EXIT", "*Environment*\\nproduction", "*Commit*\\na1b2c3d4",
        "<https://gitlab.example.com/shop/web/-/jobs/4711|CI job>", "/ecs/v2/clusters/demo/services/web/events?region=us-east-1|ECS service>",
        "ecs-gate deploy");
    for (Request reply : requests.subList(2, requests.size())) {
      assertThat(reply.form()).containsEntry("thread_ts", SlackStub.ts(1)).containsEntry("channel", "#deploys");
    }
    assertThat(requests.get(2).form().get("blocks")).contains("Deployment", "Stopped tasks");
    assertThat(slackLines()).singleElement().asString()
        .startsWith("ecs-gate: slack: web: sent to #deploys (").contains("mention by users.lookupByEmail");
    assertThat(out.toString() + err).doesNotContain(TOKEN);
  }

  @Test
  void aRejectedTokenIsOneWarningAndTheDeployVerdictStands() {
    useBot();
    slack.respond("users.lookupByEmail", Response.error("invalid_auth")).respond("chat.postMessage", Response.error("invalid_auth"));

    int code = deployCrashLoop();

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("FAILED", "demo/web");
    assertThat(slackLines()).containsExactly("ecs-gate: warning: failed to send the Slack message for web: invalid_auth:"
        + " Slack did not accept the bot token (check SLACK_BOT_TOKEN); the verdict and exit code are unchanged");
    assertThat(slack.calls()).containsExactly("users.lookupByEmail", "chat.postMessage");
    assertThat(out.toString() + err).doesNotContain(TOKEN);
  }

  @Test
  void aStateTableThatCannotBeReachedIsOneWarningAndChangesNeitherTheVerdictNorTheMessage() throws Exception {
    useBot();
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    env.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + closedPort);

    int code = deployCrashLoop("--state-table", "ecs-gate-StateTable-1");

    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(slack.requests().stream().filter(r -> r.call().equals("chat.postMessage")
        && !r.form().containsKey("thread_ts"))).hasSize(1);
    assertThat(err.toString().lines().filter(l -> l.contains("state table")))
        .singleElement().asString()
        .startsWith("ecs-gate: warning: failed to record the deployment in the state table ecs-gate-StateTable-1: ")
        .endsWith("the verdict and exit code are unchanged");
  }

  @Test
  void slackRequiredTurnsAMessageThatWasNotSentIntoExit4() {
    useBot();
    slack.respond("chat.postMessage", Response.error("invalid_auth"));

    int code = diagnose("--service", "web", "--slack-required");

    assertThat(code).isEqualTo(ExitCode.SLACK.code());
    assertThat(slackLines()).singleElement().asString()
        .startsWith("ecs-gate: error: failed to send the Slack message for web: invalid_auth");
    assertThat(out.toString()).contains("result: FAILED (exit 1)");
  }

  @Test
  void aDryRunPrintsThePayloadAndCallsNobody() throws Exception {
    useBot();
    env.put("SLACK_WEBHOOK_URL", slack.webhookUrl());

    int code = diagnose("--service", "web", "--slack-dry-run", "--slack-channel", "C0OTHER");

    assertThat(code).isEqualTo(1);
    assertThat(slack.requests()).isEmpty();
    String printed = err.toString();
    assertThat(printed).startsWith("ecs-gate: slack dry run: would call chat.postMessage at " + slack.apiUrl()
        + " with SLACK_BOT_TOKEN (set), channel C0OTHER; the payload for web:\n{");
    JsonNode main = JSON.readTree(printed.substring(printed.indexOf('{')));
    assertThat(main.get("channel").asText()).isEqualTo("C0OTHER");
    assertThat(main.get("text").asText()).startsWith("Failed: shop/web").endsWith("(started by Alice Example (alice))");
    assertThat(printed).contains("\"thread_ts\" : \"(ts of the message above)\"")
        .doesNotContain(TOKEN, SlackStub.WEBHOOK_PATH);
  }

  @Test
  void withoutATokenOrAWebhookNothingIsSentAndAChannelGetsThePayloadPrinted() {
    int silent = diagnose("--service", "web");
    String quiet = err.toString();

    int withChannel = diagnose("--service", "web", "--slack-channel", "#deploys");

    assertThat(silent).isEqualTo(1);
    assertThat(withChannel).isEqualTo(1);
    assertThat(quiet).isEmpty();
    assertThat(err.toString()).startsWith("ecs-gate: slack: not sent, neither SLACK_BOT_TOKEN nor SLACK_WEBHOOK_URL is set;"
        + " the payload for web:\n{");
    assertThat(slack.requests()).isEmpty();
  }

  @Test
  void aWebhookGetsOneMessageMentioningFromTheMapWithoutShowingItsUrl() throws Exception {
    env.put("SLACK_WEBHOOK_URL", slack.webhookUrl());
    Path map = Files.writeString(dir.resolve("mentions.yml"), "alice: U0MAPPED1\n");

    int code = diagnose("--service", "web", "--mention-map", map.toString());

    assertThat(code).isEqualTo(1);
    assertThat(slack.calls()).containsExactly("webhook");
    JsonNode payload = JSON.readTree(slack.requests().get(0).body());
    assertThat(payload.get("text").asText()).endsWith("(started by <@U0MAPPED1>)");
    assertThat(payload.get("blocks").toString()).contains("APP_EXIT", "Stopped tasks", "Last log lines of app");
    assertThat(slackLines()).containsExactly("ecs-gate: slack: web: sent to SLACK_WEBHOOK_URL (mention by mention map)");
    assertThat(err.toString()).doesNotContain(SlackStub.WEBHOOK_PATH);
  }

  @Test
  void aBadMentionMapIsAWarningAndTheMessageStillGoes() throws Exception {
    env.put("SLACK_WEBHOOK_URL", slack.webhookUrl());
    Path map = Files.writeString(dir.resolve("mentions.yml"), "alice: not-an-id\n");

    int code = diagnose("--service", "web", "--mention-map", map.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("ecs-gate: warning: ignoring --mention-map: " + map + ":1: 'alice' maps to 'not-an-id'");
    assertThat(slack.calls()).containsExactly("webhook");
    assertThat(JSON.readTree(slack.requests().get(0).body()).get("text").asText()).endsWith("(started by Alice Example (alice))");
  }

  @Test
  void stableServicesAreOnlyReportedWhenAskedAlways() throws Exception {
    useBot();

    int failureOnly = diagnose("--service", "api");
    int always = diagnose("--service", "api", "--notify", "always");

    assertThat(failureOnly).isZero();
    assertThat(always).isZero();
    assertThat(slack.calls()).containsExactly("users.lookupByEmail", "chat.postMessage", "chat.postMessage");
    JsonNode blocks = JSON.readTree(slack.requests().get(1).form().get("blocks"));
    assertThat(blocks.get(0).get("text").get("text").asText()).isEqualTo(":white_check_mark: Stable: shop/api");
  }
}
