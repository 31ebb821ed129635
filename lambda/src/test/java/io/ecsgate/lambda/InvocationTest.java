package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.crashLoopTask;
import static io.ecsgate.lambda.Harness.mainPosts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.input.EnvelopeSamples;
import io.ecsgate.slack.testing.SlackStub;
import io.ecsgate.slack.testing.SlackStub.Request;
import io.ecsgate.slack.testing.SlackStub.Response;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The function subscribed to SNS, SQS or CloudWatch Logs: each event inside handled as the bare EventBridge event is. */
class InvocationTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:00Z");
  private static final AlertKey PAYMENTS = new AlertKey("prod", "service:payments-api", Category.APP_EXIT, "payments-api:42");
  private final SlackStub slack = SlackStub.start();
  private final InMemoryState state = new InMemoryState();
  private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  private final Invocation invocation = invocation(state, slack);

  @AfterEach
  void stop() {
    slack.close();
  }

  private Invocation invocation(InMemoryState state, SlackStub slack) {
    Harness h = new Harness(state, slack, Map.of(), NOW, Duration.ZERO);
    return new Invocation(h.detector, new PrintStream(logBytes, true, StandardCharsets.UTF_8));
  }

  private String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  /** Another service's failing task: an incident of its own. */
  private static ObjectNode ordersTask(int n) {
    ObjectNode e = crashLoopTask(n);
    e.put("id", "00000000-0000-4000-9000-" + String.format("%012d", n));
    ((ObjectNode) e.get("detail")).put("group", "service:orders")
        .put("taskDefinitionArn", "arn:aws:ecs:eu-west-1:123456789012:task-definition/orders:7");
    return e;
  }

  @Test
  void anSnsWrappedStoppedTaskAlertsExactlyLikeTheBareOne() throws Exception {
    try (SlackStub bareSlack = SlackStub.start()) {
      InMemoryState bareState = new InMemoryState();
      Object bare = invocation(bareState, bareSlack).handle(crashLoopTask(1));

      Object wrapped = invocation.handle(EnvelopeSamples.sns(crashLoopTask(1).toString()));

      assertThat(bare).isInstanceOf(Detector.Result.class);
      assertThat(wrapped).isInstanceOf(Invocation.EnvelopeResult.class);
      assertThat(((Invocation.EnvelopeResult) wrapped).results()).containsExactly((Detector.Result) bare);
      assertThat(slack.requests()).extracting(Request::call).isEqualTo(bareSlack.requests().stream().map(Request::call).toList());
      Request post = mainPosts(slack).get(0);
      Request barePost = mainPosts(bareSlack).get(0);
      for (String field : List.of("channel", "text", "blocks")) {
        assertThat(post.form().get(field)).as(field).isNotNull().isEqualTo(barePost.form().get(field));
      }
      assertThat(state.read(PAYMENTS)).isEqualTo(bareState.read(PAYMENTS));
    }
  }

  @Test
  void anEventSeenBareAndAgainThroughSnsInSqsCountsOnce() {
    invocation.handle(crashLoopTask(1));
    int calls = slack.requests().size();

    Object answer = invocation.handle(EnvelopeSamples.sqs(EnvelopeSamples.notification(crashLoopTask(1).toString()).toString()));

    assertThat(answer).isEqualTo(new Invocation.BatchResponse(List.of()));
    assertThat(slack.requests()).hasSize(calls);
    assertThat(state.read(PAYMENTS).count()).isEqualTo(1);
  }

  @Test
  void anSqsBatchAnswersWithOnlyTheRecordWhoseDeliveryFailedAndItsRetryPosts() throws Exception {
    slack.respond("chat.postMessage", Response.error("invalid_auth"));
    ObjectNode malformed = crashLoopTask(9);
    ((ObjectNode) malformed.get("detail")).put("stoppedAt", 1e20);
    ObjectNode batch = EnvelopeSamples.sqs(crashLoopTask(1).toString(), Harness.event("scale-in-task.json").toString(),
        ordersTask(1).toString(), malformed.toString(), "not an event");

    Object answer = invocation.handle(batch);

    assertThat(Harness.JSON.writeValueAsString(answer)).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"msg-0\"}]}");
    assertThat(mainPosts(slack)).hasSize(2); // the refused payments post, then the orders incident
    assertThat(mainPosts(slack).get(1).form().get("blocks")).contains("prod/orders");
    assertThat(log()).contains("failed payload Records[0].body (message msg-0), returned for a retry: ", "invalid_auth")
        .contains("dropped a malformed event at payload Records[3].body: detail.stoppedAt: expected a timestamp")
        .contains("skipped payload Records[4].body: not JSON, so not an ECS event")
        .doesNotContain(Harness.TOKEN);

    Object retried = invocation.handle(EnvelopeSamples.sqs(crashLoopTask(1).toString()));

    assertThat(retried).isEqualTo(new Invocation.BatchResponse(List.of()));
    assertThat(mainPosts(slack)).hasSize(3);
    assertThat(mainPosts(slack).get(2).form().get("blocks")).contains("prod/payments-api");
    assertThat(state.read(PAYMENTS).count()).as("the retry is not counted again").isEqualTo(1);
  }

  @Test
  void throughSnsOrCloudWatchLogsAFailedDeliveryFailsTheInvocationAfterTheOtherEventsAreHandled() {
    slack.respond("chat.postMessage", Response.error("invalid_auth"), Response.error("invalid_auth"),
        Response.error("invalid_auth"));

    assertThatThrownBy(() -> invocation.handle(EnvelopeSamples.sns(crashLoopTask(1).toString(), ordersTask(1).toString())))
        .isInstanceOf(DeliveryFailedException.class).hasMessageContaining("invalid_auth");
    assertThatThrownBy(() -> invocation.handle(EnvelopeSamples.awsLogs(crashLoopTask(2).toString(), ordersTask(2).toString())))
        .isInstanceOf(DeliveryFailedException.class);

    // SNS: payments refused, orders refused anyway; the logs payload: payments refused, orders posted anyway.
    assertThat(mainPosts(slack)).hasSize(4);
    assertThat(Harness.calls(slack, "chat.postMessage")).filteredOn(r -> r.form().containsKey("thread_ts"))
        .isNotEmpty().allSatisfy(r -> assertThat(r.form().get("text")).doesNotContain("payments-api"));
    assertThat(state.read(PAYMENTS).count()).isEqualTo(2);
  }

  @Test
  void aMalformedEventBareOrEnvelopedIsDroppedNotRetried() {
    ObjectNode malformed = crashLoopTask(1);
    ((ObjectNode) malformed.get("detail")).put("stoppedAt", 1e20);

    Object bare = invocation.handle(malformed);
    Object wrapped = invocation.handle(EnvelopeSamples.sns(malformed.toString()));

    assertThat(bare).isEqualTo(Map.of("dropped", "detail.stoppedAt: expected a timestamp from 1970 to 9999, got number 1.0E20"));
    assertThat(((Invocation.EnvelopeResult) wrapped).dropped()).containsExactly(
        "payload Records[0].Sns.Message: detail.stoppedAt: expected a timestamp from 1970 to 9999, got number 1.0E20");
    assertThat(slack.requests()).isEmpty();
  }
}
