package io.ecsgate.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The scenarios' state machines on a manual clock: what a deploy gate would see, and when. */
class ScenarioTimelineTest {

  private static List<JsonNode> deployments(JsonNode service) {
    return java.util.stream.StreamSupport.stream(service.get("deployments").spliterator(), false)
        .collect(Collectors.toList());
  }

  private static boolean waiterWouldAccept(JsonNode service) {
    return service.get("deployments").size() == 1
        && service.get("runningCount").asInt() == service.get("desiredCount").asInt();
  }

  @Test
  void seededServiceRunsOneCompletedDeploymentWithLogs() {
    SimHarness sim = new SimHarness("healthy");

    JsonNode service = sim.service();
    assertThat(service.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(deployments(service)).singleElement().satisfies(d -> {
      assertThat(d.get("status").asText()).isEqualTo("PRIMARY");
      assertThat(d.get("rolloutState").asText()).isEqualTo("COMPLETED");
      assertThat(d.get("id").asText()).matches("ecs-svc/\\d{19}");
    });
    assertThat(service.get("runningCount").asInt()).isEqualTo(2);
    assertThat(sim.eventMessages().get(0)).isEqualTo("(service web) has reached a steady state.");
    List<JsonNode> tasks = sim.tasks("RUNNING");
    assertThat(tasks).hasSize(2).allSatisfy(t -> {
      assertThat(t.get("group").asText()).isEqualTo("service:web");
      assertThat(t.get("lastStatus").asText()).isEqualTo("RUNNING");
      assertThat(t.get("taskDefinitionArn").asText()).isEqualTo(sim.seeded.taskDefinitionArn());
    });
    String taskId = tasks.get(0).get("taskArn").asText().replaceAll(".*/", "");
    JsonNode events = sim.logs("GetLogEvents",
        "{\"logGroupName\":\"/ecs/web\",\"logStreamName\":\"ecs/app/" + taskId + "\",\"startFromHead\":true}");
    assertThat(events.get("events").get(0).get("message").asText()).contains("Starting ShopApplication");
  }

  @Test
  void healthyRolloutReplacesTasksAndCompletes() {
    SimHarness sim = new SimHarness("healthy");
    String oldDeployment = deployments(sim.service()).get(0).get("id").asText();

    String deployment = sim.deployNext();

    JsonNode during = sim.advance(10).service();
    assertThat(deployments(during)).hasSize(2);
    assertThat(deployments(during).get(0).get("id").asText()).isEqualTo(deployment);
    assertThat(deployments(during).get(0).get("pendingCount").asInt()).isEqualTo(2);
    assertThat(waiterWouldAccept(during)).isFalse();

    JsonNode done = sim.advance(60).service();
    assertThat(deployments(done)).singleElement().satisfies(d -> {
      assertThat(d.get("id").asText()).isEqualTo(deployment);
      assertThat(d.get("rolloutState").asText()).isEqualTo("COMPLETED");
      assertThat(d.get("rolloutStateReason").asText()).isEqualTo("ECS deployment " + deployment + " completed.");
      assertThat(d.get("failedTasks").asInt()).isZero();
    });
    assertThat(waiterWouldAccept(done)).isTrue();
    assertThat(sim.eventMessages().subList(0, 2)).containsExactly(
        "(service web) has reached a steady state.",
        "(service web) (deployment " + deployment + ") deployment completed.");
    assertThat(sim.tasks("RUNNING")).hasSize(2)
        .allSatisfy(t -> assertThat(t.get("startedBy").asText()).isEqualTo(deployment));
    assertThat(sim.tasks("STOPPED")).hasSize(2).allSatisfy(t -> {
      assertThat(t.get("startedBy").asText()).isEqualTo(oldDeployment);
      assertThat(t.get("stopCode").asText()).isEqualTo("ServiceSchedulerInitiated");
      assertThat(t.get("stoppedReason").asText()).isEqualTo("Scaling activity initiated by (deployment " + deployment + ")");
      assertThat(t.get("containers").get(0).get("exitCode").asInt()).isZero();
    });
  }

  @Test
  void slowRolloutIsStillInProgressAfterTwoMinutes() {
    SimHarness sim = new SimHarness("slow");
    String deployment = sim.deployNext();

    JsonNode after2Minutes = sim.advance(120).service();
    assertThat(deployments(after2Minutes)).hasSize(2);
    assertThat(deployments(after2Minutes).get(0).get("pendingCount").asInt()).isEqualTo(3);

    JsonNode after5Minutes = sim.advance(180).service();
    assertThat(deployments(after5Minutes)).singleElement()
        .satisfies(d -> assertThat(d.get("id").asText()).isEqualTo(deployment));
    assertThat(waiterWouldAccept(after5Minutes)).isTrue();
  }

  @Test
  void crashLoopNeverSettlesAndKeepsItsStoppedTasks() {
    SimHarness sim = new SimHarness("crash-loop");
    String deployment = sim.deployNext();

    for (int second = 0; second < 600; second += 15) {
      assertThat(waiterWouldAccept(sim.advance(15).service())).as("at %d s", second + 15).isFalse();
    }

    JsonNode service = sim.service();
    JsonNode primary = deployments(service).get(0);
    assertThat(primary.get("id").asText()).isEqualTo(deployment);
    assertThat(primary.get("rolloutState").asText()).isEqualTo("IN_PROGRESS");
    assertThat(primary.get("failedTasks").asInt())
        .as("tasks that reached RUNNING and then exited are not failed tasks to ECS's breaker").isZero();
    assertThat(deployments(service).get(1).get("runningCount").asInt()).isEqualTo(2);
    assertThat(sim.eventMessages()).filteredOn(m -> m.contains("is unable to consistently start tasks successfully"))
        .hasSize(1);
    List<JsonNode> stopped = sim.tasks("STOPPED");
    assertThat(stopped).isNotEmpty().allSatisfy(t -> {
      assertThat(t.get("startedBy").asText()).isEqualTo(deployment);
      assertThat(t.get("stopCode").asText()).isEqualTo("EssentialContainerExited");
      assertThat(t.get("stoppedReason").asText()).isEqualTo("Essential container in task exited");
      assertThat(t.get("containers").get(0).get("exitCode").asInt()).isEqualTo(1);
      assertThat(t.get("startedAt")).isNotNull();
    });
    String taskId = stopped.get(0).get("taskArn").asText().replaceAll(".*/", "");
    JsonNode log = sim.logs("GetLogEvents",
        "{\"logGroupName\":\"/ecs/web\",\"logStreamName\":\"ecs/app/" + taskId + "\",\"limit\":4}");
    assertThat(log.get("events")).hasSize(4);
    assertThat(log.get("events").get(0).get("message").asText())
        .startsWith("Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder 'PAYMENT_API_URL'");
  }


  @Test
  void relaunchesAfterFailuresBackOffLongerEachTime() {
    SimHarness sim = new SimHarness("crash-loop");
    sim.deployNext();
    sim.advance(1800);

    List<Long> launches = new java.util.ArrayList<>();
    for (JsonNode event : sim.service().get("events")) {
      if (event.get("message").asText().startsWith("(service web) has started 2 tasks")) {
        launches.add(0, Math.round(event.get("createdAt").asDouble()));
      }
    }
    launches.remove(0);  // the seeded deployment's start, an hour before
    assertThat(launches).hasSizeGreaterThanOrEqualTo(4);
    for (int i = 2; i < launches.size(); i++) {
      assertThat(launches.get(i) - launches.get(i - 1)).as("gap %d", i)
          .isGreaterThan(launches.get(i - 1) - launches.get(i - 2));
    }
  }
  @Test
  void imagePullFailuresHaveNoExitCodeAndNoLogs() {
    SimHarness sim = new SimHarness("image-pull");
    sim.deployNext();
    sim.advance(60);

    List<JsonNode> stopped = sim.tasks("STOPPED");
    assertThat(stopped).hasSize(2).allSatisfy(t -> {
      assertThat(t.get("stopCode").asText()).isEqualTo("TaskFailedToStart");
      assertThat(t.get("stoppedReason").asText()).isEqualTo(
          "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
              + "docker.io/library/app:missing: docker.io/library/app:missing: not found");
      assertThat(t.has("startedAt")).isFalse();
      JsonNode container = t.get("containers").get(0);
      assertThat(container.has("exitCode")).isFalse();
      assertThat(container.get("reason").asText()).startsWith("CannotPullContainerError:");
      assertThat(container.get("image").asText()).isEqualTo("app:missing");
    });
    String taskId = stopped.get(0).get("taskArn").asText().replaceAll(".*/", "");
    assertThatThrownBy(() -> sim.logs("GetLogEvents",
        "{\"logGroupName\":\"/ecs/web\",\"logStreamName\":\"ecs/app/" + taskId + "\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.type()).isEqualTo("ResourceNotFoundException");
          assertThat(e.getMessage()).isEqualTo("The specified log stream does not exist.");
        });
  }

  @Test
  void outOfMemoryKillsExitWith137() {
    SimHarness sim = new SimHarness("oom");
    sim.deployNext();
    sim.advance(45);

    assertThat(sim.tasks("STOPPED")).hasSize(2).allSatisfy(t -> {
      assertThat(t.get("stopCode").asText()).isEqualTo("EssentialContainerExited");
      JsonNode container = t.get("containers").get(0);
      assertThat(container.get("exitCode").asInt()).isEqualTo(137);
      assertThat(container.get("reason").asText()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
    });
  }

  @Test
  void elbHealthCheckFailuresAreStoppedByTheScheduler() {
    SimHarness sim = new SimHarness("elb-health-check");
    String deployment = sim.deployNext();
    sim.advance(120);

    JsonNode service = sim.service();
    String targetGroup = service.get("loadBalancers").get(0).get("targetGroupArn").asText();
    assertThat(targetGroup).startsWith("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/");
    assertThat(sim.eventMessages()).anySatisfy(m -> assertThat(m)
        .matches("\\(service web\\) \\(task [0-9a-f]{32}\\) \\(port 8080\\) is unhealthy in \\(target-group "
            + java.util.regex.Pattern.quote(targetGroup) + "\\) due to \\(reason Health checks failed\\)\\."));
    assertThat(deployments(service).get(0).get("failedTasks").asInt()).isEqualTo(2);
    assertThat(sim.tasks("STOPPED")).hasSize(2).allSatisfy(t -> {
      assertThat(t.get("startedBy").asText()).isEqualTo(deployment);
      assertThat(t.get("stopCode").asText()).isEqualTo("ServiceSchedulerInitiated");
      assertThat(t.get("stoppedReason").asText()).isEqualTo("Task failed ELB health checks in (target-group " + targetGroup + ")");
      assertThat(t.get("containers").get(0).get("exitCode").asInt()).isEqualTo(143);
    });
  }

  @Test
  void circuitBreakerTripsAtItsThresholdAndRollsBackToTheDeploymentThatRan() {
    SimHarness sim = new SimHarness("circuit-breaker-rollback");
    String stable = deployments(sim.service()).get(0).get("id").asText();
    String deployment = sim.deployNext();

    JsonNode afterFirstWave = sim.advance(45).service();
    JsonNode failing = deployments(afterFirstWave).get(0);
    assertThat(failing.get("id").asText()).isEqualTo(deployment);
    assertThat(failing.get("failedTasks").asInt()).isEqualTo(2);
    assertThat(failing.get("rolloutState").asText()).as("2 failures are below the threshold of 3").isEqualTo("IN_PROGRESS");

    JsonNode tripped = sim.advance(75).service();
    List<JsonNode> during = deployments(tripped);
    assertThat(during).as("the deployment rolled back to becomes PRIMARY again, with its own id").hasSize(2);
    JsonNode rollback = during.get(0);
    assertThat(rollback.get("id").asText()).isEqualTo(stable);
    assertThat(rollback.get("status").asText()).isEqualTo("PRIMARY");
    assertThat(rollback.get("rolloutState").asText()).isEqualTo("IN_PROGRESS");
    assertThat(rollback.get("taskDefinition").asText()).isEqualTo(sim.seeded.taskDefinitionArn());
    assertThat(rollback.get("rolloutStateReason").asText())
        .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + stable + ".");
    JsonNode failed = during.get(1);
    assertThat(failed.get("id").asText()).isEqualTo(deployment);
    assertThat(failed.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(failed.get("rolloutState").asText()).isEqualTo("FAILED");
    assertThat(failed.get("failedTasks").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(sim.eventMessages()).containsSubsequence(
        "(service web) rolling back to deployment " + stable + ".",
        "(service web) (deployment " + deployment + ") deployment failed: tasks failed to start.");

    JsonNode settled = sim.advance(90).service();
    assertThat(deployments(settled)).singleElement().satisfies(d -> {
      assertThat(d.get("id").asText()).isEqualTo(stable);
      assertThat(d.get("rolloutState").asText()).isEqualTo("COMPLETED");
      assertThat(d.get("taskDefinition").asText()).isEqualTo(sim.seeded.taskDefinitionArn());
    });
    assertThat(sim.eventMessages()).contains("(service web) (deployment " + stable + ") deployment completed.");
    assertThat(settled.get("taskDefinition").asText()).isEqualTo(sim.seeded.taskDefinitionArn());
    assertThat(waiterWouldAccept(settled)).as("the flaw: services-stable sees success").isTrue();
    assertThat(sim.tasks("STOPPED")).filteredOn(t -> t.get("startedBy").asText().equals(deployment))
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(t -> {
          assertThat(t.get("stopCode").asText()).isEqualTo("TaskFailedToStart");
          assertThat(t.get("stoppedReason").asText()).startsWith("ResourceInitializationError: unable to pull secrets");
        });
  }

  @Test
  void breakerThresholdFollowsItsConfiguration() {
    assertThat(threshold("BOUNDED_PERCENT", 50, 1)).isEqualTo(3);
    assertThat(threshold("BOUNDED_PERCENT", 50, 2)).isEqualTo(3);
    assertThat(threshold("BOUNDED_PERCENT", 50, 6)).isEqualTo(3);
    assertThat(threshold("BOUNDED_PERCENT", 50, 7)).isEqualTo(4);
    assertThat(threshold("BOUNDED_PERCENT", 50, 8)).isEqualTo(4);
    assertThat(threshold("BOUNDED_PERCENT", 50, 399)).isEqualTo(200);
    assertThat(threshold("BOUNDED_PERCENT", 50, 1000)).isEqualTo(200);
    assertThat(threshold("UNBOUNDED_PERCENT", 50, 1000)).as("not clamped").isEqualTo(500);
    assertThat(threshold("UNBOUNDED_PERCENT", 10, 2)).isEqualTo(1);
    assertThat(threshold("COUNT", 1, 400)).isEqualTo(1);
  }

  private static int threshold(String type, double value, int desired) {
    ServiceState service = new ServiceState("web", "arn", null, ScenarioCatalog.find("healthy"), 0, null);
    service.thresholdType = type;
    service.thresholdValue = value;
    service.desiredCount = desired;
    return service.breakerThreshold();
  }

  @Test
  void breakerWithoutRollbackLeavesTheFailedDeploymentPrimary() {
    SimHarness sim = new SimHarness(ScenarioCatalog.find("image-pull").withCircuitBreaker(true, false));
    String deployment = sim.deployNext();
    sim.advance(300);

    List<JsonNode> all = deployments(sim.service());
    assertThat(all).hasSize(2);
    assertThat(all.get(0).get("id").asText()).isEqualTo(deployment);
    assertThat(all.get(0).get("rolloutState").asText()).isEqualTo("FAILED");
    assertThat(all.get(0).get("rolloutStateReason").asText()).isEqualTo("ECS deployment circuit breaker: task failed to start.");
    assertThat(all.get(0).get("failedTasks").asInt()).as("no launches after FAILED").isLessThanOrEqualTo(4);
    assertThat(sim.tasks("RUNNING")).hasSize(2)
        .allSatisfy(t -> assertThat(t.get("startedBy").asText()).isNotEqualTo(deployment));
  }

  @Test
  void transientFailureCompletesAndItsCrashIsNotABreakerFailure() {
    SimHarness sim = new SimHarness("transient-failure");
    String deployment = sim.deployNext();
    sim.advance(150);

    JsonNode service = sim.service();
    assertThat(deployments(service)).singleElement().satisfies(d -> {
      assertThat(d.get("id").asText()).isEqualTo(deployment);
      assertThat(d.get("rolloutState").asText()).isEqualTo("COMPLETED");
      assertThat(d.get("failedTasks").asInt()).as("it ran before it exited, and a healthy task resets the count")
          .isZero();
    });
    assertThat(sim.tasks("STOPPED")).filteredOn(t -> t.get("startedBy").asText().equals(deployment))
        .singleElement()
        .satisfies(t -> assertThat(t.get("containers").get(0).get("exitCode").asInt()).isEqualTo(1));
  }

  @Test
  void placementFailurePlacesNothingAndSaysWhy() {
    SimHarness sim = new SimHarness("placement-failure");
    String deployment = sim.deployNext();
    sim.advance(300);

    JsonNode service = sim.service();
    JsonNode primary = deployments(service).get(0);
    assertThat(primary.get("id").asText()).isEqualTo(deployment);
    assertThat(primary.get("pendingCount").asInt()).isZero();
    assertThat(primary.get("runningCount").asInt()).isZero();
    assertThat(service.get("launchType").asText()).isEqualTo("EC2");
    assertThat(sim.eventMessages().get(0)).matches(
        "\\(service web\\) was unable to place a task because no container instance met all of its requirements\\. "
            + "The closest matching \\(container-instance [0-9a-f]{32}\\) has insufficient memory available\\. "
            + "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide\\.");
    assertThat(sim.ecs("ListTasks", "{\"cluster\":\"demo-cluster\",\"startedBy\":\"" + deployment + "\"}")
        .get("taskArns")).isEmpty();
    assertThat(sim.eventMessages()).as("ECS omits an identical placement failure until the cause is resolved")
        .filteredOn(m -> m.contains("was unable to place a task")).hasSize(1);
    assertThat(sim.tasks("RUNNING")).hasSize(2)
        .allSatisfy(t -> assertThat(t.get("containerInstanceArn").asText()).contains(":container-instance/demo-cluster/"));
  }

  @Test
  void missingServiceIsAFailureNotAnError() {
    SimHarness sim = new SimHarness("missing-service");

    JsonNode out = sim.ecs("DescribeServices", "{\"cluster\":\"demo-cluster\",\"services\":[\"web\"]}");
    assertThat(out.get("services")).isEmpty();
    assertThat(out.get("failures").get(0).get("arn").asText())
        .isEqualTo("arn:aws:ecs:us-east-1:123456789012:service/demo-cluster/web");
    assertThat(out.get("failures").get(0).get("reason").asText()).isEqualTo("MISSING");
    assertThatThrownBy(sim::deployNext).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.type()).isEqualTo("ServiceNotFoundException"));
  }

  @Test
  void inactiveServiceRefusesUpdates() {
    SimHarness sim = new SimHarness("inactive-service");

    assertThat(sim.service().get("status").asText()).isEqualTo("INACTIVE");
    assertThatThrownBy(sim::deployNext).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.type()).isEqualTo("ServiceNotActiveException");
      assertThat(e.status()).isEqualTo(400);
    });
  }

  @Test
  void unknownClusterIsAnError() {
    SimHarness sim = new SimHarness("healthy");

    assertThatThrownBy(() -> sim.ecs("DescribeServices", "{\"cluster\":\"nope\",\"services\":[\"web\"]}"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.type()).isEqualTo("ClusterNotFoundException");
          assertThat(e.getMessage()).isEqualTo("Cluster not found.");
        });
  }
}
