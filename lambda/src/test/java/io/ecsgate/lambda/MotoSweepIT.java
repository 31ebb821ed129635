package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.mainPosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.render.StoppedTaskText;
import io.ecsgate.diagnosis.testing.Awscli;
import io.ecsgate.diagnosis.testing.MotoServer;
import io.ecsgate.slack.testing.SlackStub;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sweep against moto_server, an ECS written by others, set up with the awscli: a service
 * below its desired count is reported once it has stayed there longer than the threshold, to the
 * channel its tag names, and marked recovered when it is back.
 */
class MotoSweepIT {
  private static MotoServer moto;
  private static Awscli aws;
  private static AwsClients clients;
  private final SlackStub slack = SlackStub.start();

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    aws = new Awscli(moto.endpoint());
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

  @Test
  void aServiceBelowDesiredIsReportedAfterTheThresholdToItsTaggedChannelAndRecovers() throws Exception {
    aws.ok("ecs", "create-cluster", "--cluster-name", "prod");
    aws.ok("ecs", "register-task-definition", "--family", "web", "--container-definitions",
        "[{\"name\":\"web\",\"image\":\"web:1\",\"essential\":true,\"memory\":256,\"cpu\":128}]");
    aws.ok("ecs", "create-service", "--cluster", "prod", "--service-name", "web", "--task-definition", "web",
        "--desired-count", "2", "--launch-type", "EC2", "--tags", "key=ecs-gate:slack-channel,value=#web-team");
    InMemoryState state = new InMemoryState();
    // moto stamps what it creates with the machine's clock: the sweep's clock starts from the same now.
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Map<String, String> env = Map.of("BELOW_DESIRED_AFTER", "15m");

    Detector.Result first = sweep(state, env, t0, "s1");
    Detector.Result second = sweep(state, env, t0.plus(Duration.ofMinutes(20)), "s2");
    Detector.Result secondAgain = sweep(state, env, t0.plus(Duration.ofMinutes(21)), "s2"); // EventBridge redelivers
    aws.ok("ecs", "update-service", "--cluster", "prod", "--service", "web", "--desired-count", "2"); // moto: all running now
    Detector.Result third = sweep(state, env, t0.plus(Duration.ofMinutes(35)), "s3");

    assertThat(first.alerts()).as("not yet longer than the threshold").isEmpty();
    assertThat(second.alerts()).containsExactly("prod/service:web BELOW_DESIRED web:1");
    assertThat(secondAgain.redelivery()).isTrue();
    assertThat(state.read(new AlertKey("prod", "service:web", Category.BELOW_DESIRED, "web:1")).count()).isEqualTo(1);
    assertThat(mainPosts(slack)).hasSize(1);
    assertThat(mainPosts(slack).get(0).form()).containsEntry("channel", "#web-team");
    assertThat(mainPosts(slack).get(0).form().get("blocks")).contains("has run 0 of 2 tasks since at least " + StoppedTaskText.time(t0));
    assertThat(third.recovered()).containsExactly("prod/service:web BELOW_DESIRED web:1");
    assertThat(Harness.calls(slack, "chat.update").get(0).form().get("text")).startsWith("Recovered: prod/web");
  }

  private Detector.Result sweep(InMemoryState state, Map<String, String> env, Instant at, String id) throws Exception {
    ObjectNode scheduled = Harness.JSON.createObjectNode().put("id", id).put("detail-type", "Scheduled Event")
        .put("source", "aws.events");
    return new Harness(state, slack, env, at, Duration.ZERO, clients).detector.handle(scheduled);
  }
}
