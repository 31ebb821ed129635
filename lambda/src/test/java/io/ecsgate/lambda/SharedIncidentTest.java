package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.calls;
import static io.ecsgate.lambda.Harness.crashLoopTask;
import static io.ecsgate.lambda.Harness.mainPosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.classifier.Category;
import io.ecsgate.slack.testing.SlackStub;
import io.ecsgate.slack.testing.SlackStub.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One incident per deployment, with in-memory state: failures of a deployment the gate recorded
 * go to the gate's thread, are held while the gate is gating, and open their own message as
 * before when the gate sent none.
 */
class SharedIncidentTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:00Z");
  /** The crash loop's tasks name this deployment in startedBy. */
  private static final String DEPLOYMENT = "ecs-svc/1234567890123456789";
  private static final String GATE_TS = "1763694000.000100";
  private static final AlertKey BY_DEPLOYMENT = new AlertKey("prod", "service:payments-api", Category.APP_EXIT, DEPLOYMENT);

  private final SlackStub slack = SlackStub.start();
  private final InMemoryState state = new InMemoryState();
  private final Harness h = new Harness(state, slack, Map.of(), NOW, Duration.ZERO);

  @AfterEach
  void stop() {
    slack.close();
  }

  private static GatedDeployment gate(String deployment, Instant claimUntil, String channel, String ts) {
    return new GatedDeployment("prod", "payments-api", deployment, "https://gitlab.example.com/shop/-/jobs/4711", "alice",
        NOW.minusSeconds(120), claimUntil, channel, ts);
  }

  private static List<Request> replies(SlackStub slack) {
    return calls(slack, "chat.postMessage").stream().filter(r -> r.form().containsKey("thread_ts")).toList();
  }

  @Test
  void failuresOfAPostedGatesDeploymentAreRepliesInItsThreadWithTheCountKeptUpToDate() throws Exception {
    state.gate(gate(DEPLOYMENT, null, "C0DEPLOYS", GATE_TS));

    for (int i = 1; i <= 3; i++) {
      h.detector.handle(crashLoopTask(i));
    }

    assertThat(mainPosts(slack)).as("the gate's message is the only main message").isEmpty();
    assertThat(replies(slack)).isNotEmpty()
        .allSatisfy(r -> assertThat(r.form()).containsEntry("thread_ts", GATE_TS).containsEntry("channel", "C0DEPLOYS"));
    List<Request> updates = calls(slack, "chat.update");
    assertThat(updates).hasSize(2);
    assertThat(updates.get(1).form()).as("the detector's own reply, not the gate's message")
        .containsEntry("ts", SlackStub.ts(1));
    assertThat(updates.get(1).form().get("text")).contains("3 stopped tasks like this");
    assertThat(state.read(BY_DEPLOYMENT).count()).isEqualTo(3);
  }

  @Test
  void whileTheGateIsGatingFailuresAreCountedAndHeldThenTheFirstAfterItsMessageShowsThemAll() throws Exception {
    state.gate(gate(DEPLOYMENT, NOW.plusSeconds(600), null, null));

    h.detector.handle(crashLoopTask(1));
    h.detector.handle(crashLoopTask(2));

    assertThat(slack.requests()).as("nothing before the gate's message").isEmpty();
    assertThat(h.log()).contains("held for the gate's message: prod/service:payments-api APP_EXIT " + DEPLOYMENT);

    state.gate(gate(DEPLOYMENT, null, "C0DEPLOYS", GATE_TS)); // the gate posted its verdict
    h.detector.handle(crashLoopTask(3));

    assertThat(mainPosts(slack)).isEmpty();
    Request first = replies(slack).get(0);
    assertThat(first.form()).containsEntry("thread_ts", GATE_TS);
    assertThat(first.form().get("text")).contains("3 stopped tasks like this");
  }

  @Test
  void aGateThatSentNoMessageOrWhoseClaimLapsedLeavesTheDetectorAsWithoutIt() throws Exception {
    state.gate(gate(DEPLOYMENT, NOW.minusSeconds(1), null, null));

    h.detector.handle(crashLoopTask(1));

    assertThat(mainPosts(slack)).hasSize(1);
    assertThat(replies(slack)).allSatisfy(r -> assertThat(r.form()).containsEntry("thread_ts", SlackStub.ts(1)));
    assertThat(state.read(new AlertKey("prod", "service:payments-api", Category.APP_EXIT, "payments-api:42")))
        .as("today's key").isNotNull();
    assertThat(state.read(BY_DEPLOYMENT)).isNull();
  }

  @Test
  void anotherDeploymentOfTheSameServiceIsNotTheGates() throws Exception {
    state.gate(gate("ecs-svc/9999999999999999999", null, "C0DEPLOYS", GATE_TS));

    h.detector.handle(crashLoopTask(1));

    assertThat(mainPosts(slack)).hasSize(1);
    assertThat(mainPosts(slack).get(0).form()).containsEntry("channel", "#ecs-alerts");
  }

  @Test
  void theRecoveryOfAThreadedIncidentUpdatesItsReplyNotTheGatesMessage() throws Exception {
    state.gate(gate(DEPLOYMENT, null, "C0DEPLOYS", GATE_TS));
    h.detector.handle(crashLoopTask(1));
    String reply = SlackStub.ts(1); // the detector's first reply in the gate's thread

    h.detector.handle(Harness.event("steady-state.json"));

    assertThat(mainPosts(slack)).isEmpty();
    Request update = calls(slack, "chat.update").get(0);
    assertThat(update.form()).containsEntry("ts", reply).containsEntry("channel", "C0DEPLOYS");
    assertThat(update.form().get("text")).contains("Recovered");
  }

  @Test
  void failuresHeldForAGateThatThenPassedStaySilentAtTheRecovery() throws Exception {
    state.gate(gate(DEPLOYMENT, NOW.plusSeconds(600), null, null));
    h.detector.handle(crashLoopTask(1));
    state.gate(gate(DEPLOYMENT, null, null, null)); // the deployment passed: the gate gave its claim up

    h.detector.handle(Harness.event("steady-state.json"));

    assertThat(slack.requests()).isEmpty();
    assertThat(state.read(BY_DEPLOYMENT).recoveredAt()).isNotNull();
  }

  @Test
  void aServiceEventGoesToTheServicesDeploymentGatedWithinTheFloodWindow() throws Exception {
    state.gate(gate(DEPLOYMENT, null, "C0DEPLOYS", GATE_TS));
    ObjectNode impaired = Harness.event("steady-state.json");
    ObjectNode detail = (ObjectNode) impaired.get("detail");
    detail.put("eventType", "WARN").put("eventName", "SERVICE_TASK_START_IMPAIRED");

    h.detector.handle(impaired);

    assertThat(mainPosts(slack)).isEmpty();
    assertThat(replies(slack)).isNotEmpty().allSatisfy(r -> assertThat(r.form()).containsEntry("thread_ts", GATE_TS));
  }
}
