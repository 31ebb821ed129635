package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.mainPosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.diagnosis.SimulatedAws;
import io.ecsgate.slack.testing.SlackStub;
import io.ecsgate.sim.Scenarios;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parts that read the ECS API, against the simulator over HTTP: a failed deployment's
 * message says why its tasks stopped (the gate's diagnosis, reused), and the sweep pages through
 * clusters and tasks to find tasks running too long.
 */
class SimulatedEcsIT {
  private static SimulatedAws aws;
  private static AwsClients clients;
  private final SlackStub slack = SlackStub.start();

  @BeforeAll
  static void start() {
    aws = SimulatedAws.start();
    clients = new AwsClients("us-east-1", aws.sim.endpoint());
  }

  @AfterAll
  static void stop() {
    clients.close();
    aws.close();
  }

  @AfterEach
  void stopSlack() {
    slack.close();
  }

  @Test
  void aFailedDeploymentEventGetsTheStoppedTasksReasonsAndLogLinesFromTheApi() throws Exception {
    aws.sim.load(Scenarios.named("crash-loop"), "shop", "checkout");
    String deployment = aws.deploy("shop", "checkout");
    aws.awaitStoppedTasks("shop", "checkout", deployment, 2);
    ObjectNode event = Harness.JSON.createObjectNode();
    event.put("version", "0").put("id", "d1e2f3a4-0000-4000-8000-000000000001").put("detail-type", "ECS Deployment State Change")
        .put("source", "aws.ecs").put("account", "123456789012").put("region", "us-east-1").put("time", Instant.now().toString());
    event.putArray("resources").add("arn:aws:ecs:us-east-1:123456789012:service/shop/checkout");
    ObjectNode detail = event.putObject("detail");
    detail.put("eventType", "ERROR").put("eventName", "SERVICE_DEPLOYMENT_FAILED").put("deploymentId", deployment)
        .put("updatedAt", Instant.now().toString())
        .put("reason", "ECS deployment circuit breaker: tasks failed to start.");

    new Harness(new InMemoryState(), slack, Map.of(), Instant.now(), Duration.ZERO, clients).detector.handle(event);

    assertThat(mainPosts(slack)).hasSize(1);
    String main = mainPosts(slack).get(0).form().get("blocks");
    assertThat(main).contains("checkout", "DEPLOYMENT_FAILED", "stopped tasks: APP_EXIT");
    List<String> replies = Harness.calls(slack, "chat.postMessage").stream()
        .filter(r -> r.form().containsKey("thread_ts")).map(r -> r.form().get("blocks")).toList();
    assertThat(String.join("\n", replies)).contains("Stopped tasks (", "APP_EXIT", "Last log lines of");
  }

  @Test
  void theSweepFindsTasksRunningLongerThanTheLimitOnceAcrossClusters() throws Exception {
    aws.sim.load(Scenarios.named("healthy"), "batch-a", "worker");
    aws.sim.load(Scenarios.named("healthy"), "batch-b", "indexer");
    InMemoryState state = new InMemoryState();
    Map<String, String> env = Map.of("SWEEP_INCLUDE_GROUPS", "service:*", "SWEEP_EXCLUDE_GROUPS", "service:indexer",
        "LONG_RUNNING_AFTER", "24h");
    ObjectNode scheduled = Harness.JSON.createObjectNode().put("id", "sweep-1").put("detail-type", "Scheduled Event")
        .put("source", "aws.events");

    Detector.Result early = new Harness(state, slack, env, Instant.now(), Duration.ZERO, clients).detector.handle(scheduled);
    Detector.Result late = new Harness(state, slack, env, Instant.now().plus(Duration.ofHours(25)), Duration.ZERO, clients)
        .detector.handle(scheduled.deepCopy().put("id", "sweep-2"));
    int postsAfterLate = mainPosts(slack).size();
    new Harness(state, slack, env, Instant.now().plus(Duration.ofHours(26)), Duration.ZERO, clients)
        .detector.handle(scheduled.deepCopy().put("id", "sweep-3"));

    assertThat(early.alerts()).isEmpty();
    assertThat(early.notes()).anySatisfy(n -> assertThat(n).matches("sweep: [2-9]\\d* clusters, .*"));
    assertThat(late.alerts()).isNotEmpty().allSatisfy(a -> assertThat(a).startsWith("batch-a/service:worker LONG_RUNNING"));
    assertThat(postsAfterLate).isEqualTo(1);
    assertThat(mainPosts(slack).get(0).form().get("text")).startsWith("Running too long: batch-a/worker - 2 tasks running too long");
    assertThat(mainPosts(slack)).as("the next sweep reports the same tasks no more").hasSize(1);
  }
}
