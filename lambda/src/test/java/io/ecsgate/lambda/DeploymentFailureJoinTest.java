package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.calls;
import static io.ecsgate.lambda.Harness.mainPosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * A deployment a lifecycle hook rolled back is one incident: the hook's HOOK_FAILED (keyed by the
 * service deployment id) and the deployment's SERVICE_DEPLOYMENT_FAILED (keyed by {@code ecs-svc/})
 * share one message whichever comes first; other deployments, services and windows stay apart.
 * With the classifier corpus's hook and deployment events, in-memory state and Slack's stand-in.
 */
class DeploymentFailureJoinTest {
  static final Instant NOW = Instant.parse("2026-11-21T03:15:00Z");
  /** The id at the end of the corpus hook event's serviceDeploymentArn. */
  static final String SERVICE_DEPLOYMENT = "0EYSiB0qap8xf0N76FsbE";
  static final String DEPLOYMENT = "ecs-svc/8028394412607771134";

  private final SlackStub slack = SlackStub.start();
  private final InMemoryState state = new InMemoryState();

  @AfterEach
  void stop() {
    slack.close();
  }

  private Harness at(Instant now) {
    return new Harness(state, slack, Map.of(), now, Duration.ZERO);
  }

  static AlertKey failed(String service, String id) {
    return new AlertKey("my-cluster", "service:" + service, Category.DEPLOYMENT_FAILED, id);
  }

  /** The corpus's HOOK_FAILED of my-cluster/my-service (a pause answered with ROLLBACK). */
  static ObjectNode hookFailed() {
    return Harness.corpusEvent("hook-failed-pause-rolled-back");
  }

  /** The corpus's alarm SERVICE_DEPLOYMENT_FAILED, moved to my-cluster/SERVICE and naming the deployment ID. */
  static ObjectNode deploymentFailed(String service, String id, String eventId) {
    ObjectNode e = Harness.corpusEvent("deploy-failed-alarm-event");
    e.put("id", eventId).put("region", "us-west-2");
    ((ArrayNode) e.get("resources")).removeAll()
        .add("arn:aws:ecs:us-west-2:123456789012:service/my-cluster/" + service);
    ((ObjectNode) e.get("detail")).put("deploymentId", id).put("reason", "ECS deployment " + id + " failed: alarm detected.");
    return e;
  }


  private String lastUpdateText() {
    List<Request> updates = calls(slack, "chat.update");
    assertThat(updates).isNotEmpty();
    return updates.get(updates.size() - 1).form().get("text");
  }

  @Test
  void theHookThenTheDeploymentIsOneMessageCountingTwo() throws Exception {
    Harness h = at(NOW);
    h.detector.handle(hookFailed());

    Detector.Result r = h.detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-1"));

    assertThat(r.alerts()).containsExactly("my-cluster/service:my-service DEPLOYMENT_FAILED " + SERVICE_DEPLOYMENT);
    assertThat(mainPosts(slack)).hasSize(1);
    assertThat(state.read(failed("my-service", SERVICE_DEPLOYMENT)).count()).isEqualTo(2);
    assertThat(state.read(failed("my-service", DEPLOYMENT))).isNull();
    assertThat(calls(slack, "chat.update").get(0).form().get("ts")).isEqualTo(SlackStub.ts(1));
    assertThat(lastUpdateText()).contains("2 reports of this failed deployment");
  }

  @Test
  void theDeploymentThenTheHookIsOneMessageCountingTwo() throws Exception {
    Harness h = at(NOW);
    h.detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-1"));

    Detector.Result r = h.detector.handle(hookFailed());

    assertThat(r.alerts()).containsExactly("my-cluster/service:my-service DEPLOYMENT_FAILED " + DEPLOYMENT);
    assertThat(mainPosts(slack)).hasSize(1);
    assertThat(state.read(failed("my-service", DEPLOYMENT)).count()).isEqualTo(2);
    assertThat(state.read(failed("my-service", SERVICE_DEPLOYMENT))).isNull();
    assertThat(lastUpdateText()).contains("2 reports of this failed deployment");
  }

  @Test
  void redeliveriesOfEitherEventAreStillCountedOnce() throws Exception {
    Harness h = at(NOW);
    h.detector.handle(hookFailed());
    h.detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-1"));
    int calls = slack.requests().size();

    Detector.Result hookAgain = h.detector.handle(hookFailed());
    Detector.Result deploymentAgain = h.detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-1"));

    assertThat(hookAgain.redelivery()).isTrue();
    assertThat(deploymentAgain.redelivery()).isTrue();
    assertThat(slack.requests()).as("no Slack call for a redelivery").hasSize(calls);
    assertThat(state.read(failed("my-service", SERVICE_DEPLOYMENT)).count()).isEqualTo(2);
  }

  @Test
  void twoEcsSvcDeploymentsStayTwo() throws Exception {
    Harness h = at(NOW);
    h.detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-1"));

    h.detector.handle(deploymentFailed("my-service", "ecs-svc/1111111111111111111", "d-2"));

    assertThat(mainPosts(slack)).hasSize(2);
    assertThat(state.read(failed("my-service", DEPLOYMENT)).count()).isEqualTo(1);
    assertThat(state.read(failed("my-service", "ecs-svc/1111111111111111111")).count()).isEqualTo(1);
  }

  @Test
  void aSecondEcsSvcDeploymentDoesNotJoinThroughTheHookIncidentTheFirstJoined() throws Exception {
    Harness h = at(NOW);
    h.detector.handle(hookFailed());
    h.detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-1"));

    h.detector.handle(deploymentFailed("my-service", "ecs-svc/1111111111111111111", "d-2")); // e.g. a failed rollback

    assertThat(mainPosts(slack)).hasSize(2);
    assertThat(state.read(failed("my-service", SERVICE_DEPLOYMENT)).count()).isEqualTo(2);
    assertThat(state.read(failed("my-service", "ecs-svc/1111111111111111111")).count()).isEqualTo(1);
  }

  @Test
  void withSeveralCandidatesTheHookJoinsTheMostRecentlyOpened() throws Exception {
    at(NOW).detector.handle(deploymentFailed("my-service", "ecs-svc/9999999999999999999", "d-1"));
    at(NOW.plusSeconds(60)).detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-2"));

    at(NOW.plusSeconds(120)).detector.handle(hookFailed());

    assertThat(mainPosts(slack)).hasSize(2);
    assertThat(state.read(failed("my-service", DEPLOYMENT)).count()).isEqualTo(2);
    assertThat(state.read(failed("my-service", "ecs-svc/9999999999999999999")).count()).isEqualTo(1);
    assertThat(state.read(failed("my-service", SERVICE_DEPLOYMENT))).isNull();
  }

  @Test
  void aSecondHookFailureOfAnotherServiceDeploymentDoesNotJoinAnIncidentThatAlreadyHasOne() throws Exception {
    Harness h = at(NOW);
    h.detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-1"));
    h.detector.handle(hookFailed());
    ObjectNode otherHook = hookFailed();
    otherHook.put("id", "c41d7e2a-58b0-4a77-8f7e-0d6a3b9e5c77");
    String otherArn = "arn:aws:ecs:us-west-2:123456789012:service-deployment/my-cluster/my-service/OtherServiceDepl0y";
    ((ObjectNode) otherHook.get("detail")).put("serviceDeploymentArn", otherArn);
    ((ArrayNode) otherHook.get("resources")).removeAll().add(otherArn);

    h.detector.handle(otherHook);

    assertThat(mainPosts(slack)).hasSize(2);
    assertThat(state.read(failed("my-service", DEPLOYMENT)).count()).isEqualTo(2);
    assertThat(state.read(failed("my-service", "OtherServiceDepl0y")).count()).isEqualTo(1);
  }

  @Test
  void outsideTheFloodWindowTheyStayTwo() throws Exception {
    at(NOW).detector.handle(hookFailed());

    at(NOW.plus(Duration.ofHours(1)).plusSeconds(1)).detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-1"));

    assertThat(mainPosts(slack)).hasSize(2);
    assertThat(state.read(failed("my-service", SERVICE_DEPLOYMENT)).count()).isEqualTo(1);
    assertThat(state.read(failed("my-service", DEPLOYMENT)).count()).isEqualTo(1);
  }

  @Test
  void afterTheHookIncidentRecoveredTheyStayTwo() throws Exception {
    Harness h = at(NOW);
    h.detector.handle(hookFailed());
    ObjectNode completed = Harness.corpusEvent("deploy-state-completed");
    ((ArrayNode) completed.get("resources")).removeAll()
        .add("arn:aws:ecs:us-west-2:123456789012:service/my-cluster/my-service");
    assertThat(h.detector.handle(completed).recovered()).hasSize(1);

    h.detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-1"));

    assertThat(mainPosts(slack)).hasSize(2);
    assertThat(state.read(failed("my-service", DEPLOYMENT)).count()).isEqualTo(1);
  }

  @Test
  void anotherServicesDeploymentStaysSeparate() throws Exception {
    Harness h = at(NOW);
    h.detector.handle(hookFailed());

    h.detector.handle(deploymentFailed("other-service", DEPLOYMENT, "d-1"));

    assertThat(mainPosts(slack)).hasSize(2);
    assertThat(state.read(failed("my-service", SERVICE_DEPLOYMENT)).count()).isEqualTo(1);
    assertThat(state.read(failed("other-service", DEPLOYMENT)).count()).isEqualTo(1);
  }

  @Test
  void aHookJoinedToAGatedDeploymentGoesToTheGatesThread() throws Exception {
    state.gate(new GatedDeployment("my-cluster", "my-service", DEPLOYMENT, "https://gitlab.example.com/shop/-/jobs/4711",
        "alice", NOW.minusSeconds(120), null, "C0DEPLOYS", "1763694000.000100"));
    Harness h = at(NOW);
    h.detector.handle(deploymentFailed("my-service", DEPLOYMENT, "d-1"));

    h.detector.handle(hookFailed());

    assertThat(mainPosts(slack)).as("the gate's message is the only main message").isEmpty();
    assertThat(state.read(failed("my-service", DEPLOYMENT)).count()).isEqualTo(2);
    assertThat(calls(slack, "chat.update")).isNotEmpty()
        .allSatisfy(u -> assertThat(u.form()).containsEntry("channel", "C0DEPLOYS"));
    assertThat(lastUpdateText()).contains("2 reports of this failed deployment");
  }
}
