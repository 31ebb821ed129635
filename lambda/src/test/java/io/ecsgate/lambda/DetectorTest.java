package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.calls;
import static io.ecsgate.lambda.Harness.crashLoopTask;
import static io.ecsgate.lambda.Harness.mainPosts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.classifier.Category;
import io.ecsgate.slack.testing.SlackPayloads;
import io.ecsgate.slack.testing.SlackStub;
import io.ecsgate.slack.testing.SlackStub.Request;
import io.ecsgate.slack.testing.SlackStub.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flood control, redelivery, recovery and routing, with in-memory state and Slack's stand-in. */
class DetectorTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:00Z");
  private final SlackStub slack = SlackStub.start();
  private final InMemoryState state = new InMemoryState();

  @AfterEach
  void stop() {
    slack.close();
  }

  private Harness harness(Map<String, String> env) {
    return new Harness(state, slack, env, NOW, Duration.ZERO);
  }

  @Test
  void aCrashLoopIsOneMessageWhoseCountIsUpdatedInPlaceWithTheDetailsInItsThread() throws Exception {
    Harness h = harness(Map.of());
    for (int i = 1; i <= 5; i++) {
      h.detector.handle(crashLoopTask(i));
    }

    List<Request> posts = mainPosts(slack);
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).form()).containsEntry("channel", "#ecs-alerts");
    assertThat(posts.get(0).form().get("blocks")).contains("Failing", "prod/payments-api", "APP_EXIT", "container app");
    List<Request> replies = calls(slack, "chat.postMessage").stream().filter(r -> r.form().containsKey("thread_ts")).toList();
    assertThat(replies).isNotEmpty().allSatisfy(r -> assertThat(r.form()).containsEntry("thread_ts", SlackStub.ts(1)));
    List<Request> updates = calls(slack, "chat.update");
    assertThat(updates).hasSize(4);
    assertThat(updates.get(3).form()).containsEntry("ts", SlackStub.ts(1)).containsEntry("channel", "#ecs-alerts");
    assertThat(updates.get(3).form().get("text")).contains("5 stopped tasks like this");
    Incident incident = state.read(new AlertKey("prod", "service:payments-api", Category.APP_EXIT, "payments-api:42"));
    assertThat(incident.count()).isEqualTo(5);
    assertThat(incident.shown()).isEqualTo(5);
  }

  @Test
  void aUrlInTheReasonIsNotALinkInTheIncidentMessageOrItsUpdates() throws Exception {
    Harness h = harness(Map.of());
    for (int i = 1; i <= 2; i++) {
      ObjectNode e = crashLoopTask(i);
      ObjectNode detail = (ObjectNode) e.get("detail");
      detail.put("stopCode", "TaskFailedToStart").put("stoppedReason",
          "CannotPullContainerError: failed to resolve ref evil.example/app:1: see https://evil.example/login");
      ((ObjectNode) detail.get("containers").get(0)).remove("exitCode");
      h.detector.handle(e);
    }

    List<Request> messages = slack.requests().stream()
        .filter(r -> r.call().equals("chat.postMessage") || r.call().equals("chat.update")).toList();
    assertThat(messages).extracting(Request::call).contains("chat.postMessage", "chat.update");
    assertThat(mainPosts(slack).get(0).form().get("blocks")).contains("see https://evil.example/login");
    for (Request r : messages) {
      assertThat(r.form()).as(r.call()).containsEntry("parse", "none");
      SlackPayloads.assertNoAutoLinking(Harness.JSON.readTree(r.form().get("blocks")));
      assertThat(r.form().get("blocks")).doesNotContain("<https://evil.example");
    }
  }

  @Test
  void aRedeliveredEventIsNotCountedOrPostedAgain() throws Exception {
    Harness h = harness(Map.of());
    h.detector.handle(crashLoopTask(1));
    int callsAfterFirst = slack.requests().size();

    Detector.Result again = h.detector.handle(crashLoopTask(1));

    assertThat(again.redelivery()).isTrue();
    assertThat(slack.requests()).hasSize(callsAfterFirst);
    assertThat(state.read(new AlertKey("prod", "service:payments-api", Category.APP_EXIT, "payments-api:42")).count())
        .isEqualTo(1);
  }

  @Test
  void aDifferentTaskDefinitionIsADistinctFailureWithItsOwnMessage() throws Exception {
    Harness h = harness(Map.of());
    h.detector.handle(crashLoopTask(1));
    var other = crashLoopTask(2);
    ((com.fasterxml.jackson.databind.node.ObjectNode) other.get("detail"))
        .put("taskDefinitionArn", "arn:aws:ecs:eu-west-1:123456789012:task-definition/payments-api:43");

    h.detector.handle(other);

    assertThat(mainPosts(slack)).hasSize(2);
    assertThat(mainPosts(slack).get(1).form().get("blocks")).contains("payments-api:43");
  }

  @Test
  void aBenignStopSendsNothing() throws Exception {
    Detector.Result r = harness(Map.of()).detector.handle(Harness.event("scale-in-task.json"));

    assertThat(r.alerts()).isEmpty();
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("no alert: DEPLOYMENT_OR_SCALING"));
    assertThat(slack.requests()).isEmpty();
  }

  @Test
  void theSteadyStateEventMarksTheMessageRecovered() throws Exception {
    Harness h = harness(Map.of());
    h.detector.handle(crashLoopTask(1));
    h.detector.handle(crashLoopTask(2));

    Detector.Result r = h.detector.handle(Harness.event("steady-state.json"));

    assertThat(r.recovered()).containsExactly("prod/service:payments-api APP_EXIT payments-api:42");
    Request last = calls(slack, "chat.update").get(calls(slack, "chat.update").size() - 1);
    assertThat(last.form().get("text")).startsWith("Recovered: prod/payments-api")
        .contains("Recovered at 2026-11-21T04:05:00Z. 2 stopped tasks like this");
    assertThat(mainPosts(slack)).hasSize(1);

    h.detector.handle(crashLoopTask(3)); // failing again after the recovery: a new message
    assertThat(mainPosts(slack)).hasSize(2);
  }

  @Test
  void whenSlackFailsTheInvocationFailsAndTheRetryPostsWithoutCountingTwice() throws Exception {
    Harness h = harness(Map.of());
    slack.respond("chat.postMessage", Response.error("invalid_auth"));

    assertThatThrownBy(() -> h.detector.handle(crashLoopTask(1)))
        .isInstanceOf(DeliveryFailedException.class)
        .hasMessageContaining("invalid_auth")
        .hasMessageNotContaining(Harness.TOKEN);

    h.detector.handle(crashLoopTask(1)); // the retry of the same event
    assertThat(mainPosts(slack)).hasSize(2); // the refused one, then the delivered one
    assertThat(mainPosts(slack).get(1).form().get("text")).contains("1 stopped task since");
  }

  @Test
  void routesAndTheDefaultChannelDecideWhereAMessageGoes() throws Exception {
    Harness h = harness(Map.of("SLACK_ROUTES", "staging-*/*=#staging;prod/payments-*=#payments"));

    h.detector.handle(crashLoopTask(1));

    assertThat(mainPosts(slack).get(0).form()).containsEntry("channel", "#payments");
  }

  @Test
  void aTimestampNoClockCanHoldIsAMalformedEventNotACrash() throws Exception {
    Harness h = harness(Map.of());
    var event = crashLoopTask(1);
    ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("detail")).put("stoppedAt", 1e20);

    assertThatThrownBy(() -> h.detector.handle(event))
        .isInstanceOf(io.ecsgate.classifier.MalformedSignalException.class)
        .hasMessageStartingWith("detail.stoppedAt: expected a timestamp from 1970 to 9999");
    assertThat(slack.requests()).isEmpty();
  }
}
