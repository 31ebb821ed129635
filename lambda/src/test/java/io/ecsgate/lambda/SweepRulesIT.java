package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.mainPosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.diagnosis.SimulatedAws;
import io.ecsgate.diagnosis.testing.Awscli;
import io.ecsgate.diagnosis.testing.MotoServer;
import io.ecsgate.sim.Scenarios;
import io.ecsgate.slack.testing.SlackStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's findings go through the classifier, so the rules file (RULES_FILE) applies to them as
 * to any stopped task: an exclusion keeps a task meant to run for days, or a service scaled down on
 * purpose, out of Slack, and the function's log says which rule did. Each test has its own ECS (the
 * simulator for running tasks, moto_server for a service below its desired count), since a sweep
 * looks at every cluster there is.
 */
class SweepRulesIT {
  private final SlackStub slack = SlackStub.start();
  @TempDir
  Path dir;

  @AfterEach
  void stopSlack() {
    slack.close();
  }

  private static ObjectNode scheduled(String id) {
    return Harness.JSON.createObjectNode().put("id", id).put("detail-type", "Scheduled Event").put("source", "aws.events");
  }

  @Test
  void anExclusionSilencesATaskRunningTooLongAndTheOthersStillAlert() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), """
        exclusions:
          - name: reports-run-for-days
            group: "service:reports"
            category: LONG_RUNNING
        """);
    try (SimulatedAws aws = SimulatedAws.start();
        AwsClients clients = new AwsClients("us-east-1", aws.sim.endpoint())) {
      aws.sim.load(Scenarios.named("healthy"), "nightly", "reports");
      aws.sim.load(Scenarios.named("healthy"), "nightly", "exporter");
      Map<String, String> env = Map.of("SWEEP_INCLUDE_GROUPS", "service:*", "LONG_RUNNING_AFTER", "24h",
          "RULES_FILE", rules.toString());

      Detector.Result r = new Harness(new InMemoryState(), slack, env, Instant.now().plus(Duration.ofHours(25)), Duration.ZERO,
          clients).detector.handle(scheduled("sweep-1"));

      assertThat(r.alerts()).isNotEmpty().allSatisfy(a -> assertThat(a).startsWith("nightly/service:exporter LONG_RUNNING"));
      assertThat(r.notes()).filteredOn(n -> n.startsWith("no alert: "))
          .hasSize(2) // the healthy scenario runs two tasks
          .allSatisfy(n -> assertThat(n).startsWith("no alert: LONG_RUNNING (reports-run-for-days) for nightly/service:reports task "));
      assertThat(mainPosts(slack)).hasSize(1);
      assertThat(mainPosts(slack).get(0).form().get("text")).contains("nightly/exporter").doesNotContain("reports");
    }
  }

  @Test
  void anExclusionSilencesAServiceBelowItsDesiredCount() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), """
        exclusions:
          - name: web-scaled-down-on-purpose
            cluster: "staging"
            service: web
            category: BELOW_DESIRED
        """);
    try (MotoServer moto = MotoServer.start(); AwsClients clients = new AwsClients("us-east-1", moto.endpoint())) {
      Awscli aws = new Awscli(moto.endpoint());
      aws.ok("ecs", "create-cluster", "--cluster-name", "staging");
      aws.ok("ecs", "register-task-definition", "--family", "web", "--container-definitions",
          "[{\"name\":\"web\",\"image\":\"web:1\",\"essential\":true,\"memory\":256,\"cpu\":128}]");
      // moto runs no task of an EC2 service without container instances: 0 of 2, as long as we like.
      aws.ok("ecs", "create-service", "--cluster", "staging", "--service-name", "web", "--task-definition", "web",
          "--desired-count", "2", "--launch-type", "EC2");
      aws.ok("ecs", "create-service", "--cluster", "staging", "--service-name", "api", "--task-definition", "web",
          "--desired-count", "2", "--launch-type", "EC2");
      InMemoryState state = new InMemoryState();
      // moto stamps what it creates with the machine's clock: the sweep's clock starts from the same now.
      Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      Map<String, String> env = Map.of("BELOW_DESIRED_AFTER", "15m", "RULES_FILE", rules.toString());

      new Harness(state, slack, env, t0, Duration.ZERO, clients).detector.handle(scheduled("s1"));
      Detector.Result later = new Harness(state, slack, env, t0.plus(Duration.ofMinutes(20)), Duration.ZERO, clients)
          .detector.handle(scheduled("s2"));

      assertThat(later.alerts()).containsExactly("staging/service:api BELOW_DESIRED web:1");
      assertThat(later.notes()).contains("no alert: BELOW_DESIRED (web-scaled-down-on-purpose) for staging/web");
      assertThat(mainPosts(slack)).hasSize(1);
    }
  }
}
