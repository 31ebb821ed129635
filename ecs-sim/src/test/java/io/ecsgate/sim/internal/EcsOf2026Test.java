package io.ecsgate.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What ECS of 2025-2026 answers that ECS of 2023 did not: the ServiceDeployments API and its
 * statuses, services without rolloutState, a configured breaker threshold, early success, CodeDeploy
 * services, and ListTasks' rule for startedBy.
 */
class EcsOf2026Test {
  private static List<JsonNode> deployments(JsonNode service) {
    List<JsonNode> out = new ArrayList<>();
    service.get("deployments").forEach(out::add);
    return out;
  }

  private static JsonNode serviceDeployments(SimHarness sim) {
    return sim.ecs("ListServiceDeployments", "{\"cluster\":\"demo-cluster\",\"service\":\"web\"}").get("serviceDeployments");
  }

  private static JsonNode describe(SimHarness sim, String arn) {
    JsonNode out = sim.ecs("DescribeServiceDeployments", "{\"serviceDeploymentArns\":[\"" + arn + "\"]}");
    assertThat(out.get("failures")).isEmpty();
    return out.get("serviceDeployments").get(0);
  }

  @Test
  void aHealthyRolloutIsInProgressThenSuccessfulAndTheSeededOneWasSuccessfulBefore() {
    SimHarness sim = new SimHarness("healthy");
    sim.deployNext();

    JsonNode listed = serviceDeployments(sim);
    assertThat(listed).hasSize(2);
    JsonNode ours = listed.get(0);
    assertThat(ours.get("status").asText()).as("newest first").isEqualTo("IN_PROGRESS");
    assertThat(listed.get(1).get("status").asText()).isEqualTo("SUCCESSFUL");
    assertThat(ours.get("serviceDeploymentArn").asText())
        .startsWith("arn:aws:ecs:us-east-1:123456789012:service-deployment/demo-cluster/web/");
    assertThat(sim.service().get("currentServiceDeployment").asText()).isEqualTo(ours.get("serviceDeploymentArn").asText());
    JsonNode during = describe(sim, ours.get("serviceDeploymentArn").asText());
    assertThat(during.get("deploymentCircuitBreaker").get("status").asText()).isEqualTo("MONITORING");
    assertThat(during.get("deploymentCircuitBreaker").get("threshold").asInt()).isEqualTo(3);
    assertThat(during.get("sourceServiceRevisions").get(0).get("arn").asText())
        .isEqualTo(listed.get(1).get("targetServiceRevisionArn").asText());
    assertThat(during.has("lifecycleStage")).as("a ROLLING deployment reports no stage").isFalse();

    sim.advance(120);
    JsonNode done = describe(sim, ours.get("serviceDeploymentArn").asText());
    assertThat(done.get("status").asText()).isEqualTo("SUCCESSFUL");
    assertThat(done.get("finishedAt").asDouble()).isPositive();
    assertThat(done.get("deploymentCircuitBreaker").get("status").asText()).isEqualTo("MONITORING_COMPLETE");
    JsonNode revision = sim.ecs("DescribeServiceRevisions", "{\"serviceRevisionArns\":[\""
        + ours.get("targetServiceRevisionArn").asText() + "\"]}").get("serviceRevisions").get(0);
    assertThat(revision.get("taskDefinition").asText()).isEqualTo(sim.seeded.nextTaskDefinitionArn());
    assertThat(revision.get("containerImages").get(0).get("image").asText()).isEqualTo("app:2.4.0");
  }

  @Test
  void aBreakerRollbackIsRollbackInProgressThenRollbackSuccessfulNamingTheRevisionRestored() {
    SimHarness sim = new SimHarness("circuit-breaker-rollback");
    sim.deployNext();
    String arn = serviceDeployments(sim).get(0).get("serviceDeploymentArn").asText();
    String seededRevision = serviceDeployments(sim).get(1).get("targetServiceRevisionArn").asText();

    sim.advance(120);
    JsonNode rollingBack = describe(sim, arn);
    assertThat(rollingBack.get("status").asText()).isEqualTo("ROLLBACK_IN_PROGRESS");
    assertThat(rollingBack.get("deploymentCircuitBreaker").get("status").asText()).isEqualTo("TRIGGERED");
    assertThat(rollingBack.get("deploymentCircuitBreaker").get("failureCount").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(rollingBack.get("rollback").get("serviceRevisionArn").asText()).isEqualTo(seededRevision);
    assertThat(rollingBack.get("rollback").get("reason").asText()).contains("circuit breaker");

    sim.advance(90);
    assertThat(describe(sim, arn).get("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
    assertThat(serviceDeployments(sim).get(1).get("status").asText()).as("the restored one's own record").isEqualTo("SUCCESSFUL");
  }

  @Test
  void aBreakerWithoutRollbackStopsTheServiceDeployment() {
    SimHarness sim = new SimHarness(ScenarioCatalog.find("circuit-breaker-rollback").withCircuitBreaker(true, false));
    sim.deployNext();
    sim.advance(200);

    JsonNode ours = serviceDeployments(sim).get(0);
    assertThat(ours.get("status").asText()).isEqualTo("STOPPED");
    assertThat(describe(sim, ours.get("serviceDeploymentArn").asText()).get("stoppedAt").asDouble()).isPositive();
  }

  @Test
  void stopServiceDeploymentRollsBackOnlyWhatIsUnderWay() {
    SimHarness sim = new SimHarness("crash-loop");
    sim.deployNext();
    String arn = serviceDeployments(sim).get(0).get("serviceDeploymentArn").asText();

    assertThatThrownBy(() -> sim.ecs("StopServiceDeployment", "{\"serviceDeploymentArn\":\"" + arn + "\",\"stopType\":\"ABORT\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("InvalidParameterException"));
    sim.ecs("StopServiceDeployment", "{\"serviceDeploymentArn\":\"" + arn + "\",\"stopType\":\"ROLLBACK\"}");

    assertThat(describe(sim, arn).get("status").asText()).isEqualTo("ROLLBACK_IN_PROGRESS");
    assertThat(deployments(sim.service()).get(0).get("taskDefinition").asText()).isEqualTo(sim.seeded.taskDefinitionArn());
    sim.advance(120);
    assertThat(describe(sim, arn).get("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
    assertThatThrownBy(() -> sim.ecs("StopServiceDeployment", "{\"serviceDeploymentArn\":\"" + arn + "\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("ConflictException"));
    assertThatThrownBy(() -> sim.ecs("StopServiceDeployment", "{\"serviceDeploymentArn\":\"" + arn + "x\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("ServiceDeploymentNotFoundException"));
  }

  @Test
  void aNewerDeploymentStopsTheOneUnderWay() {
    SimHarness sim = new SimHarness("crash-loop");
    sim.deployNext();
    String first = serviceDeployments(sim).get(0).get("serviceDeploymentArn").asText();
    sim.advance(10);
    sim.ecs("UpdateService", "{\"cluster\":\"demo-cluster\",\"service\":\"web\",\"forceNewDeployment\":true}");

    assertThat(describe(sim, first).get("status").asText()).isEqualTo("STOPPED");
    assertThat(serviceDeployments(sim).get(0).get("status").asText()).isEqualTo("IN_PROGRESS");
  }

  @Test
  void listFiltersByStatusAndCreationTimeAndDescribeReportsUnknownArnsAsMissing() {
    SimHarness sim = new SimHarness("healthy");
    double before = sim.clock.instant().getEpochSecond();
    sim.deployNext();

    assertThat(sim.ecs("ListServiceDeployments", "{\"service\":\"web\",\"cluster\":\"demo-cluster\",\"status\":[\"IN_PROGRESS\"]}")
        .get("serviceDeployments")).hasSize(1);
    assertThat(sim.ecs("ListServiceDeployments", "{\"service\":\"web\",\"cluster\":\"demo-cluster\",\"createdAt\":{\"after\":"
        + before + "}}").get("serviceDeployments")).hasSize(1);
    JsonNode out = sim.ecs("DescribeServiceDeployments",
        "{\"serviceDeploymentArns\":[\"arn:aws:ecs:us-east-1:123456789012:service-deployment/demo-cluster/web/1\"]}");
    assertThat(out.get("failures").get(0).get("reason").asText()).isEqualTo("MISSING");
    assertThatThrownBy(() -> sim.ecs("ContinueServiceDeployment", "{\"serviceDeploymentArn\":\""
        + serviceDeployments(sim).get(0).get("serviceDeploymentArn").asText() + "\",\"hookId\":\"h-1\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("InvalidParameterException"));
  }

  @Test
  void behindAClassicLoadBalancerDeploymentsCarryNoRolloutState() {
    SimHarness sim = new SimHarness("classic-load-balancer");
    sim.deployNext();
    sim.advance(30);

    assertThat(deployments(sim.service())).hasSize(2).allSatisfy(d -> {
      assertThat(d.has("rolloutState")).isFalse();
      assertThat(d.has("rolloutStateReason")).isFalse();
    });
    sim.advance(120);
    assertThat(deployments(sim.service())).hasSize(1);
  }

  @Test
  void aBreakerThresholdOfOneRollsBackAtTheFirstTaskThatFailsToStart() {
    SimHarness sim = new SimHarness("breaker-threshold-1");
    String deployment = sim.deployNext();
    sim.advance(40);

    List<JsonNode> during = deployments(sim.service());
    assertThat(during).hasSize(2);
    assertThat(during.get(1).get("id").asText()).isEqualTo(deployment);
    assertThat(during.get(1).get("rolloutState").asText()).isEqualTo("FAILED");
    JsonNode record = describe(sim, serviceDeployments(sim).get(0).get("serviceDeploymentArn").asText());
    assertThat(record.get("deploymentCircuitBreaker").get("threshold").asInt()).isEqualTo(1);
  }

  @Test
  void earlySuccessCompletesWhileTheOldTasksStillDrain() {
    SimHarness sim = new SimHarness("early-success");
    String deployment = sim.deployNext();
    sim.advance(40);

    List<JsonNode> completedEarly = deployments(sim.service());
    assertThat(completedEarly).hasSize(2);
    assertThat(completedEarly.get(0).get("id").asText()).isEqualTo(deployment);
    assertThat(completedEarly.get(0).get("rolloutState").asText()).isEqualTo("COMPLETED");
    assertThat(serviceDeployments(sim).get(0).get("status").asText()).isEqualTo("SUCCESSFUL");
    assertThat(sim.eventMessages()).as("only the seeded deployment's").filteredOn(m -> m.contains("steady state")).hasSize(1);

    sim.advance(60);
    assertThat(deployments(sim.service())).hasSize(1);
    assertThat(sim.eventMessages().get(0)).isEqualTo("(service web) has reached a steady state.");
  }

  @Test
  void aCodeDeployServiceHasTaskSetsAndRefusesANewTaskDefinition() {
    SimHarness sim = new SimHarness("code-deploy");

    JsonNode service = sim.service();
    assertThat(service.get("deploymentController").get("type").asText()).isEqualTo("CODE_DEPLOY");
    assertThat(service.get("deployments")).isEmpty();
    assertThat(service.get("taskSets")).hasSize(1);
    assertThat(service.get("taskSets").get(0).get("status").asText()).isEqualTo("PRIMARY");
    assertThatThrownBy(sim::deployNext).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.type()).isEqualTo("InvalidParameterException");
      assertThat(e.getMessage()).contains("CODE_DEPLOY deployment controller");
    });
  }

  @Test
  void listTasksTakesStartedByOnlyAsItsOnlyFilter() {
    SimHarness sim = new SimHarness("healthy");
    String deployment = sim.deployNext();
    sim.advance(30);

    assertThat(sim.ecs("ListTasks", "{\"cluster\":\"demo-cluster\",\"startedBy\":\"" + deployment + "\"}").get("taskArns"))
        .hasSize(2);
    assertThatThrownBy(() -> sim.ecs("ListTasks", "{\"cluster\":\"demo-cluster\",\"startedBy\":\"" + deployment
        + "\",\"desiredStatus\":\"STOPPED\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("InvalidParameterException"));
  }

  /** The ServiceDeployment UpdateService started, described now. */
  private static JsonNode ours(SimHarness sim) {
    return describe(sim, serviceDeployments(sim).get(0).get("serviceDeploymentArn").asText());
  }

  /** The stages seen, in order, sampling every {@code step} seconds for {@code seconds}. */
  private static List<String> stagesOver(SimHarness sim, int seconds, int step) {
    List<String> seen = new ArrayList<>();
    for (int t = 0; t < seconds; t += step) {
      JsonNode d = ours(sim);
      String status = d.get("status").asText();
      String stage = status.equals("IN_PROGRESS") ? d.path("lifecycleStage").asText(status) : status;
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(stage)) {
        seen.add(stage);
      }
      sim.advance(step);
    }
    return seen;
  }

  @Test
  void blueGreenGoesThroughItsStagesWithBothRevisionsRunningUntilTheBakeEnds() {
    SimHarness sim = new SimHarness("blue-green");
    sim.deployNext();

    sim.advance(50);
    JsonNode shifted = ours(sim);
    assertThat(shifted.get("deploymentConfiguration").get("strategy").asText()).isEqualTo("BLUE_GREEN");
    assertThat(shifted.get("lifecycleStage").asText()).isEqualTo("BAKE_TIME");
    assertThat(shifted.get("targetServiceRevision").get("requestedProductionTrafficWeight").asDouble()).isEqualTo(100.0);
    assertThat(shifted.get("sourceServiceRevisions").get(0).get("requestedProductionTrafficWeight").asDouble()).isZero();
    JsonNode service = sim.service();
    assertThat(deployments(service)).as("blue and green both run during the bake").hasSize(2);
    assertThat(service.get("runningCount").asInt()).isEqualTo(4);
    assertThat(deployments(service).get(0).get("rolloutState").asText()).isEqualTo("IN_PROGRESS");

    List<String> stages = stagesOver(sim, 200, 5);
    assertThat(stages).containsSubsequence("BAKE_TIME", "CLEAN_UP", "SUCCESSFUL");
    assertThat(deployments(sim.service())).singleElement()
        .satisfies(d -> assertThat(d.get("rolloutState").asText()).isEqualTo("COMPLETED"));
  }

  @Test
  void theStagesComeInTheirDocumentedOrder() {
    SimHarness sim = new SimHarness("blue-green");
    sim.deployNext();

    List<String> stages = stagesOver(sim, 60, 1);
    assertThat(stages).containsSubsequence("PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT",
        "POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT", "BAKE_TIME");
  }

  @Test
  void anAlarmDuringTheBakeRollsBackADeploymentWhoseTasksAreAllHealthy() {
    SimHarness sim = new SimHarness("blue-green-alarm-rollback");
    String stable = deployments(sim.service()).get(0).get("id").asText();
    String deployment = sim.deployNext();
    sim.advance(50);
    assertThat(ours(sim).get("lifecycleStage").asText()).isEqualTo("BAKE_TIME");
    assertThat(ours(sim).get("alarms").get("status").asText()).isEqualTo("MONITORING");

    sim.advance(65);
    JsonNode rolledBack = ours(sim);
    assertThat(rolledBack.get("status").asText()).isEqualTo("ROLLBACK_IN_PROGRESS");
    assertThat(rolledBack.get("alarms").get("status").asText()).isEqualTo("TRIGGERED");
    assertThat(rolledBack.get("alarms").get("triggeredAlarmNames").get(0).asText()).isEqualTo("web-5xx-rate");
    assertThat(rolledBack.get("rollback").get("reason").asText()).contains("web-5xx-rate");
    assertThat(deployments(sim.service()).get(0).get("id").asText()).isEqualTo(stable);
    assertThat(deployments(sim.service()).get(1).get("rolloutState").asText()).isEqualTo("FAILED");
    assertThat(sim.tasks("STOPPED")).as("no task of it failed: the alarm decided")
        .allSatisfy(t -> assertThat(t.get("stopCode").asText()).isEqualTo("ServiceSchedulerInitiated"));

    sim.advance(120);
    assertThat(ours(sim).get("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
    assertThat(deployments(sim.service())).singleElement()
        .satisfies(d -> assertThat(d.get("id").asText()).isEqualTo(stable).isNotEqualTo(deployment));
  }

  @Test
  void linearShiftsProductionTrafficStepByStep() {
    SimHarness sim = new SimHarness("linear");
    sim.deployNext();
    List<Double> weights = new ArrayList<>();
    for (int t = 0; t < 400; t += 5) {
      double w = ours(sim).get("targetServiceRevision").path("requestedProductionTrafficWeight").asDouble();
      if (weights.isEmpty() || weights.get(weights.size() - 1) != w) {
        weights.add(w);
      }
      sim.advance(5);
    }

    assertThat(weights).containsSubsequence(0.0, 25.0, 50.0, 75.0, 100.0);
    assertThat(ours(sim).get("status").asText()).isEqualTo("SUCCESSFUL");
  }

  @Test
  void aCanaryWhoseTasksCrashAfterRunningNeverTripsTheBreaker() {
    SimHarness sim = new SimHarness("canary-crash");
    sim.deployNext();
    sim.advance(400);

    JsonNode d = ours(sim);
    assertThat(d.get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(d.get("lifecycleStage").asText()).isEqualTo("SCALE_UP");
    assertThat(d.get("deploymentCircuitBreaker").get("status").asText()).isEqualTo("MONITORING");
    assertThat(d.get("deploymentCircuitBreaker").get("failureCount").asInt()).isZero();
    assertThat(sim.tasks("STOPPED")).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(t -> assertThat(t.get("containers").get(0).get("exitCode").asInt()).isEqualTo(1));
  }

  @Test
  void aPauseHookWaitsForContinueServiceDeployment() {
    SimHarness sim = new SimHarness("pause-hook");
    sim.deployNext();
    sim.advance(600);

    JsonNode paused = ours(sim);
    assertThat(paused.get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(paused.get("lifecycleStage").asText()).isEqualTo("POST_TEST_TRAFFIC_SHIFT");
    JsonNode hook = paused.get("lifecycleHookDetails").get(0);
    assertThat(hook.get("status").asText()).isEqualTo("AWAITING_ACTION");
    assertThat(hook.get("targetType").asText()).isEqualTo("PAUSE");
    assertThat(hook.get("expiresAt").asDouble()).isGreaterThan(sim.clock.instant().getEpochSecond() + 23 * 3600.0);
    assertThat(sim.service().get("deploymentConfiguration").get("lifecycleHooks").get(0).get("lifecycleStages").get(0)
        .asText()).isEqualTo("PRE_PRODUCTION_TRAFFIC_SHIFT");

    assertThatThrownBy(() -> sim.ecs("ContinueServiceDeployment", "{\"serviceDeploymentArn\":\""
        + paused.get("serviceDeploymentArn").asText() + "\",\"hookId\":\"nope\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("InvalidParameterException"));
    sim.ecs("ContinueServiceDeployment", "{\"serviceDeploymentArn\":\"" + paused.get("serviceDeploymentArn").asText()
        + "\",\"hookId\":\"" + hook.get("hookId").asText() + "\",\"action\":\"CONTINUE\"}");
    sim.advance(200);

    JsonNode done = ours(sim);
    assertThat(done.get("status").asText()).isEqualTo("SUCCESSFUL");
    assertThat(done.get("lifecycleHookDetails").get(0).get("status").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aPauseHookCanRollBackTheDeployment() {
    SimHarness sim = new SimHarness("pause-hook");
    sim.deployNext();
    sim.advance(120);
    JsonNode paused = ours(sim);

    sim.ecs("ContinueServiceDeployment", "{\"serviceDeploymentArn\":\"" + paused.get("serviceDeploymentArn").asText()
        + "\",\"hookId\":\"" + paused.get("lifecycleHookDetails").get(0).get("hookId").asText()
        + "\",\"action\":\"ROLLBACK\"}");
    assertThat(ours(sim).get("status").asText()).isEqualTo("ROLLBACK_IN_PROGRESS");
    sim.advance(120);
    assertThat(ours(sim).get("status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
  }
}
