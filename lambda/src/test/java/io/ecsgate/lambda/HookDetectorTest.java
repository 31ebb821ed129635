package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.calls;
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
 * Lifecycle hook state changes through the detector, with the classifier corpus's hook events: a
 * pause awaiting action is one message per hookId that HOOK_SUCCEEDED closes, the failed hooks of
 * one service deployment are one incident.
 */
class HookDetectorTest {
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:00Z");
  private static final String HOOK_ID = "ecs-pause-e7tK9G_WRJqNF_EOMjztDXfKenlJuEUVjsNStf4WLKw";
  private static final AlertKey PAUSED = new AlertKey("my-cluster", "service:my-service", Category.DEPLOYMENT_PAUSED,
      HOOK_ID);

  private final SlackStub slack = SlackStub.start();
  private final InMemoryState state = new InMemoryState();
  private final Harness h = new Harness(state, slack, Map.of(), NOW, Duration.ZERO);

  @AfterEach
  void stop() {
    slack.close();
  }


  @Test
  void aPauseAwaitingActionIsPostedOnceWithTheCommandsThatAnswerIt() throws Exception {
    Detector.Result first = h.detector.handle(Harness.corpusEvent("hook-awaiting-action-pause"));

    assertThat(first.alerts()).containsExactly("my-cluster/service:my-service DEPLOYMENT_PAUSED " + HOOK_ID);
    List<Request> posts = mainPosts(slack);
    assertThat(posts).hasSize(1);
    String blocks = posts.get(0).form().get("blocks");
    assertThat(blocks).contains("Paused, awaiting action", "POST_TEST_TRAFFIC_SHIFT",
        "ecs-gate continue --cluster my-cluster --service my-service",
        "aws ecs continue-service-deployment --service-deployment-arn", "--hook-id " + HOOK_ID, "--action ROLLBACK");
    assertThat(posts.get(0).form().get("text")).contains("1 pause awaiting action since");
    int calls = slack.requests().size();

    ObjectNode redelivered = Harness.corpusEvent("hook-awaiting-action-pause");
    h.detector.handle(redelivered); // EventBridge delivers the same event again
    redelivered.put("id", "8f6c1f0e-0000-4000-8000-000000000002");
    Detector.Result repeated = h.detector.handle(redelivered); // or ECS says it again, with a new event id

    assertThat(repeated.redelivery()).isTrue();
    assertThat(slack.requests()).as("no Slack call after the first message").hasSize(calls);
    assertThat(state.read(PAUSED).count()).isEqualTo(1);
  }

  @Test
  void theHookSucceedingClosesTheMessageAsNoLongerWaiting() throws Exception {
    h.detector.handle(Harness.corpusEvent("hook-awaiting-action-pause"));

    Detector.Result r = h.detector.handle(Harness.corpusEvent("hook-succeeded-pause-continued"));

    assertThat(r.alerts()).isEmpty();
    assertThat(r.recovered()).containsExactly("my-cluster/service:my-service DEPLOYMENT_PAUSED " + HOOK_ID);
    List<Request> updates = calls(slack, "chat.update");
    assertThat(updates.get(updates.size() - 1).form().get("text"))
        .contains("No longer waiting at 2026-03-05T15:57:10Z. 1 pause awaiting action");
    assertThat(mainPosts(slack)).hasSize(1);
  }

  @Test
  void theFailedHooksOfOneServiceDeploymentAreOneIncident() throws Exception {
    ObjectNode failed = Harness.corpusEvent("hook-failed-pause-rolled-back");
    ObjectNode timedOut = Harness.corpusEvent("hook-failed-pause-rolled-back");
    timedOut.put("id", "c41d7e2a-58b0-4a77-8f7e-0d6a3b9e5c99");
    ((ObjectNode) timedOut.get("detail")).put("eventName", "HOOK_TIMED_OUT").put("hookId", "ecs-pause-other");

    h.detector.handle(failed);
    h.detector.handle(timedOut);

    assertThat(mainPosts(slack)).hasSize(1);
    assertThat(mainPosts(slack).get(0).form().get("blocks")).contains("Failing", "DEPLOYMENT_FAILED",
        "POST_TEST_TRAFFIC_SHIFT", "ROLLBACK");
    Incident incident = state.read(new AlertKey("my-cluster", "service:my-service", Category.DEPLOYMENT_FAILED,
        "0EYSiB0qap8xf0N76FsbE"));
    assertThat(incident.count()).isEqualTo(2);
    assertThat(calls(slack, "chat.update").get(calls(slack, "chat.update").size() - 1).form().get("text"))
        .contains("2 reports of this failed deployment");
  }

  @Test
  void aHookInProgressSendsNothing() throws Exception {
    ObjectNode inProgress = Harness.corpusEvent("hook-awaiting-action-pause");
    ((ObjectNode) inProgress.get("detail")).put("eventName", "HOOK_IN_PROGRESS");

    Detector.Result r = h.detector.handle(inProgress);

    assertThat(r.alerts()).isEmpty();
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("no alert: DEPLOYMENT_OR_SCALING (default:hook-in-progress)"));
    assertThat(slack.requests()).isEmpty();
  }
}
