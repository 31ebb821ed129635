package io.ecsgate.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of the engine beyond one scenario: determinism, retention, paging, the plain operations. */
class EngineBehaviourTest {

  @Test
  void sameSeedAndRequestTimesGiveTheSameAnswers() {
    SimHarness first = new SimHarness("circuit-breaker-rollback");
    SimHarness second = new SimHarness("circuit-breaker-rollback");

    first.deployNext();
    second.deployNext();

    assertThat(first.advance(100).service()).isEqualTo(second.advance(100).service());
  }

  @Test
  void stateDependsOnTheTimeAskedNotOnHowOftenAsked() {
    SimHarness polled = new SimHarness("crash-loop");
    SimHarness asked = new SimHarness("crash-loop");
    polled.deployNext();
    asked.deployNext();

    for (int i = 0; i < 300; i++) {
      polled.advance(1).service();
    }
    asked.advance(300);

    assertThat(polled.service()).isEqualTo(asked.service());
    assertThat(polled.tasks("STOPPED")).isEqualTo(asked.tasks("STOPPED"));
  }

  @Test
  void stoppedTasksAreForgottenAfterAnHour() {
    SimHarness sim = new SimHarness("crash-loop");
    sim.deployNext();
    sim.advance(60);
    List<JsonNode> early = sim.tasks("STOPPED");
    assertThat(early).isNotEmpty();
    String earlyArn = early.get(0).get("taskArn").asText();

    sim.advance(3700);

    JsonNode described = sim.ecs("DescribeTasks", "{\"cluster\":\"demo-cluster\",\"tasks\":[\"" + earlyArn + "\"]}");
    assertThat(described.get("tasks")).isEmpty();
    assertThat(described.get("failures").get(0).get("reason").asText()).isEqualTo("MISSING");
    assertThat(described.get("failures").get(0).get("arn").asText()).isEqualTo(earlyArn);
    assertThat(sim.tasks("STOPPED")).isNotEmpty().allSatisfy(t ->
        assertThat(t.get("stoppedAt").decimalValue().longValue() * 1000)
            .isGreaterThanOrEqualTo(sim.clock.millis() - Engine.STOPPED_TASK_RETENTION_MILLIS));
  }

  @Test
  void listTasksPagesThroughEveryTask() {
    SimHarness sim = new SimHarness(ScenarioCatalog.find("healthy").withDesiredCount(5));
    List<String> all = new ArrayList<>();
    sim.ecs("ListTasks", "{\"cluster\":\"demo-cluster\"}").get("taskArns").forEach(a -> all.add(a.asText()));
    assertThat(all).hasSize(5);

    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String request = "{\"cluster\":\"demo-cluster\",\"serviceName\":\"web\",\"maxResults\":2"
          + (token == null ? "" : ",\"nextToken\":\"" + token + "\"") + "}";
      JsonNode page = sim.ecs("ListTasks", request);
      page.get("taskArns").forEach(a -> paged.add(a.asText()));
      token = page.has("nextToken") ? page.get("nextToken").asText() : null;
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(3);
    assertThat(paged).isEqualTo(all);
    assertThatThrownBy(() -> sim.ecs("ListTasks", "{\"cluster\":\"demo-cluster\",\"maxResults\":101}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("InvalidParameterException"));
    assertThatThrownBy(() -> sim.ecs("ListTasks", "{\"cluster\":\"demo-cluster\",\"serviceName\":\"api\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("ServiceNotFoundException"));
  }

  @Test
  void describeLimitsAreEcsLimits() {
    SimHarness sim = new SimHarness("healthy");
    String eleven = "\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"";

    assertThatThrownBy(() -> sim.ecs("DescribeServices", "{\"cluster\":\"demo-cluster\",\"services\":[" + eleven + "]}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("InvalidParameterException"));
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      many.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
    }
    assertThatThrownBy(() -> sim.ecs("DescribeTasks", "{\"cluster\":\"demo-cluster\",\"tasks\":[" + many + "]}"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo("InvalidParameterException"));
    JsonNode ten = sim.ecs("DescribeServices",
        "{\"cluster\":\"demo-cluster\",\"services\":[\"web\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\"]}");
    assertThat(ten.get("services")).hasSize(1);
    assertThat(ten.get("failures")).hasSize(9);
  }

  @Test
  void registeringARevisionAndDeployingItByFamily() {
    SimHarness sim = new SimHarness("healthy");
    JsonNode registered = sim.ecs("RegisterTaskDefinition", "{\"family\":\"web\",\"networkMode\":\"awsvpc\","
        + "\"containerDefinitions\":[{\"name\":\"app\",\"image\":\"app:2.5.0\",\"essential\":true,"
        + "\"logConfiguration\":{\"logDriver\":\"awslogs\",\"options\":{\"awslogs-group\":\"/ecs/web-2\","
        + "\"awslogs-region\":\"us-east-1\",\"awslogs-stream-prefix\":\"web\"}}},"
        + "{\"name\":\"log-router\",\"image\":\"fluent-bit:3\",\"essential\":false}]}").get("taskDefinition");
    assertThat(registered.get("revision").asInt()).isEqualTo(3);
    assertThat(registered.get("taskDefinitionArn").asText()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3");
    assertThat(registered.get("status").asText()).isEqualTo("ACTIVE");

    JsonNode latest = sim.ecs("DescribeTaskDefinition", "{\"taskDefinition\":\"web\"}").get("taskDefinition");
    assertThat(latest).isEqualTo(registered);
    assertThat(sim.ecs("DescribeTaskDefinition", "{\"taskDefinition\":\"web:1\"}").get("taskDefinition")
        .get("containerDefinitions").get(0).get("image").asText()).isEqualTo("app:2.3.1");
    assertThatThrownBy(() -> sim.ecs("DescribeTaskDefinition", "{\"taskDefinition\":\"web:9\"}"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.type()).isEqualTo("ClientException");
          assertThat(e.getMessage()).isEqualTo("Unable to describe task definition.");
        });

    sim.ecs("UpdateService", "{\"cluster\":\"demo-cluster\",\"service\":\"web\",\"taskDefinition\":\"web\"}");
    sim.advance(80);
    List<JsonNode> running = sim.tasks("RUNNING");
    assertThat(running).hasSize(2).allSatisfy(t -> {
      assertThat(t.get("taskDefinitionArn").asText()).endsWith("task-definition/web:3");
      assertThat(t.get("containers")).hasSize(2);
    });
    String taskId = running.get(0).get("taskArn").asText().replaceAll(".*/", "");
    assertThat(sim.logs("GetLogEvents", "{\"logGroupName\":\"/ecs/web-2\",\"logStreamName\":\"web/app/" + taskId + "\"}")
        .get("events")).isNotEmpty();
  }

  @Test
  void desiredCountAloneScalesWithoutANewDeployment() {
    SimHarness sim = new SimHarness("crash-loop");
    String stable = sim.service().get("deployments").get(0).get("id").asText();

    sim.ecs("UpdateService", "{\"cluster\":\"demo-cluster\",\"service\":\"web\",\"desiredCount\":3}");
    JsonNode service = sim.advance(60).service();

    assertThat(service.get("deployments")).hasSize(1);
    assertThat(service.get("deployments").get(0).get("id").asText()).isEqualTo(stable);
    assertThat(service.get("runningCount").asInt()).isEqualTo(3);
  }

  @Test
  void forcedDeploymentOfTheSameRevisionFollowsTheScenario() {
    SimHarness sim = new SimHarness("crash-loop");
    JsonNode updated = sim.ecs("UpdateService",
        "{\"cluster\":\"demo-cluster\",\"service\":\"web\",\"forceNewDeployment\":true}").get("service");
    String deployment = updated.get("deployments").get(0).get("id").asText();
    assertThat(updated.get("deployments").get(0).get("taskDefinition").asText()).isEqualTo(sim.seeded.taskDefinitionArn());

    sim.advance(60);

    assertThat(sim.tasks("STOPPED")).isNotEmpty()
        .allSatisfy(t -> assertThat(t.get("startedBy").asText()).isEqualTo(deployment));
  }

  @Test
  void getLogEventsPagesForwardAndBackward() {
    SimHarness sim = new SimHarness("crash-loop");
    sim.deployNext();
    sim.advance(40);
    String taskId = sim.tasks("STOPPED").get(0).get("taskArn").asText().replaceAll(".*/", "");
    String stream = "{\"logGroupName\":\"/ecs/web\",\"logStreamName\":\"ecs/app/" + taskId + "\"";
    List<String> all = new ArrayList<>();
    sim.logs("GetLogEvents", stream + ",\"startFromHead\":true}").get("events")
        .forEach(e -> all.add(e.get("message").asText()));
    assertThat(all).hasSize(ScenarioCatalog.SPRING_MISSING_PROPERTY.size());

    JsonNode head = sim.logs("GetLogEvents", stream + ",\"startFromHead\":true,\"limit\":5}");
    assertThat(head.get("events").get(0).get("message").asText()).isEqualTo(all.get(0));
    JsonNode next = sim.logs("GetLogEvents", stream + ",\"startFromHead\":true,\"limit\":5,\"nextToken\":\""
        + head.get("nextForwardToken").asText() + "\"}");
    assertThat(next.get("events").get(0).get("message").asText()).isEqualTo(all.get(5));
    JsonNode back = sim.logs("GetLogEvents", stream + ",\"limit\":5,\"nextToken\":\""
        + next.get("nextBackwardToken").asText() + "\"}");
    assertThat(back.get("events").get(4).get("message").asText()).isEqualTo(all.get(4));
    JsonNode tail = sim.logs("GetLogEvents", stream + ",\"limit\":2}");
    assertThat(tail.get("events").get(1).get("message").asText()).isEqualTo(all.get(all.size() - 1));
    assertThatThrownBy(() -> sim.logs("GetLogEvents", "{\"logGroupName\":\"/ecs/nope\",\"logStreamName\":\"x\"}"))
        .isInstanceOfSatisfying(ApiException.class, e ->
            assertThat(e.getMessage()).isEqualTo("The specified log group does not exist."));
  }

  @Test
  void qualifiesImagesAsTheContainerRuntimeDoes() {
    assertThat(Engine.qualifiedImage("app:missing")).isEqualTo("docker.io/library/app:missing");
    assertThat(Engine.qualifiedImage("nginx")).isEqualTo("docker.io/library/nginx:latest");
    assertThat(Engine.qualifiedImage("acme/api:1")).isEqualTo("docker.io/acme/api:1");
    assertThat(Engine.qualifiedImage("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2"))
        .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:2");
  }
}
