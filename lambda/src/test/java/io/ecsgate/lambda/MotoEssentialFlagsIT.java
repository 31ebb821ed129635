package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.mainPosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.diagnosis.testing.MotoServer;
import io.ecsgate.slack.testing.SlackStub;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * A stopped task's event judged with its task definition's essential flags, read from moto_server
 * (an ECS written by others): the flags decide where the offline rule would guess, and a
 * definition that cannot be read leaves the offline verdict with one line in the log.
 */
class MotoEssentialFlagsIT {
  private static MotoServer moto;
  private static AwsClients clients;
  private final SlackStub slack = SlackStub.start();
  private final InMemoryState state = new InMemoryState();

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    clients = new AwsClients("us-east-1", moto.endpoint());
  }

  @AfterAll
  static void stop() {
    clients.close();
    moto.close();
  }

  @AfterEach
  void stopSlack() {
    slack.close();
  }

  private static String register(String family, ContainerDefinition... containers) {
    return clients.ecs().ecs().registerTaskDefinition(b -> b.family(family).containerDefinitions(containers))
        .taskDefinition().taskDefinitionArn();
  }

  private static ContainerDefinition container(String name, Boolean essential) {
    return ContainerDefinition.builder().name(name).image(name + ":1").memory(128).essential(essential).build();
  }

  /** A one-off task that stopped with EssentialContainerExited, its containers' codes given in pairs. */
  private static ObjectNode stopped(String id, String family, String taskDefinitionArn, Object... nameAndCode) {
    ObjectNode e = Harness.event("crash-loop-task.json");
    e.put("id", id);
    ObjectNode detail = (ObjectNode) e.get("detail");
    detail.put("taskArn", "arn:aws:ecs:us-east-1:123456789012:task/jobs/" + String.format("%032x", id.hashCode() & 0xffffffffL));
    detail.put("clusterArn", "arn:aws:ecs:us-east-1:123456789012:cluster/jobs");
    detail.put("taskDefinitionArn", taskDefinitionArn);
    detail.put("group", "family:" + family);
    detail.put("startedBy", "gitlab-ci");
    ArrayNode containers = detail.putArray("containers");
    for (int i = 0; i < nameAndCode.length; i += 2) {
      containers.addObject().put("name", (String) nameAndCode[i]).put("exitCode", (Integer) nameAndCode[i + 1])
          .put("lastStatus", "STOPPED");
    }
    return e;
  }

  private Harness harness() {
    return new Harness(state, slack, Map.of(), Instant.now(), Duration.ZERO, clients);
  }

  @Test
  void theDefinitionSaysTheKilledContainerWasTheEssentialOneSoTheTaskAlerts() throws Exception {
    // Offline this reads as a finished job with a killed sidecar; the definition says otherwise.
    String arn = register("report", container("init", false), container("app", null));

    Detector.Result r = harness().detector.handle(stopped("e-report", "report", arn, "init", 0, "app", 137));

    assertThat(r.alerts()).containsExactly("jobs/family:report APP_EXIT report:1");
    assertThat(mainPosts(slack)).hasSize(1);
    assertThat(mainPosts(slack).get(0).form().get("blocks")).contains("exited with code 137");
    assertThat(Harness.calls(slack, "chat.postMessage")).as("the task's details, in the thread")
        .anySatisfy(p -> assertThat(p.form().get("blocks")).contains("container init (not essential): exit 0"));
  }

  @Test
  void theIssuesJobWhoseSidecarWasKilledAtShutdownCompletedByTheDefinition() throws Exception {
    String arn = register("nightly", container("job", true), container("otel-collector", false));

    Detector.Result r = harness().detector.handle(stopped("e-nightly", "nightly", arn, "job", 0, "otel-collector", 137));

    assertThat(r.alerts()).isEmpty();
    assertThat(r.notes()).containsExactly("no alert: COMPLETED (default:completed)");
    assertThat(mainPosts(slack)).isEmpty();
  }

  @Test
  void aDefinitionThatCannotBeReadLeavesTheOfflineRuleAndOneLogLine() throws Exception {
    String missing = "arn:aws:ecs:us-east-1:123456789012:task-definition/gone:9";
    Harness h = harness();

    Detector.Result first = h.detector.handle(stopped("e-gone-1", "gone", missing, "init", 0, "app", 137));
    Detector.Result second = h.detector.handle(stopped("e-gone-2", "gone", missing, "init", 0, "app", 137));

    assertThat(first.notes()).containsExactly("no alert: COMPLETED (default:completed.sidecars-stopped)");
    assertThat(second.notes()).isEqualTo(first.notes());
    assertThat(h.log().lines().filter(l -> l.contains("cannot read task definition " + missing)).count())
        .as("said once").isEqualTo(1);
  }
}
