package io.ecsgate.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.sim.ManualClock;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** An engine on a manual clock, called through the same JSON operations the HTTP front serves. */
final class SimHarness {
  static final String CLUSTER = "demo-cluster";
  static final String SERVICE = "web";

  final ManualClock clock = ManualClock.startingAt(Instant.parse("2026-01-05T10:00:00Z"));
  final Engine engine;
  final EcsApi ecs;
  final LogsApi logs;
  final Engine.Seeded seeded;

  SimHarness(String scenario) {
    this(ScenarioCatalog.find(scenario));
  }

  SimHarness(ScenarioSpec spec) {
    engine = new Engine(clock, "us-east-1", 1L);
    ecs = new EcsApi(engine);
    logs = new LogsApi(engine);
    seeded = engine.load(spec, CLUSTER, SERVICE);
  }

  ObjectNode ecs(String operation, String json) {
    return call(ecs::call, operation, json);
  }

  ObjectNode logs(String operation, String json) {
    return call(logs::call, operation, json);
  }

  private ObjectNode call(BiFunction<String, JsonNode, ObjectNode> api, String operation, String json) {
    JsonNode request;
    try {
      request = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
    engine.sync();
    return api.apply(operation, request);
  }

  SimHarness advance(double seconds) {
    clock.advanceSeconds(seconds);
    return this;
  }

  /** Deploys the next revision and returns the id of the deployment it started. */
  String deployNext() {
    JsonNode service = ecs("UpdateService", "{\"cluster\":\"" + CLUSTER + "\",\"service\":\"" + SERVICE
        + "\",\"taskDefinition\":\"" + seeded.nextTaskDefinitionArn() + "\"}").get("service");
    return service.get("deployments").get(0).get("id").asText();
  }

  JsonNode service() {
    JsonNode out = ecs("DescribeServices", "{\"cluster\":\"" + CLUSTER + "\",\"services\":[\"" + SERVICE + "\"]}");
    return out.get("services").get(0);
  }

  List<String> eventMessages() {
    List<String> messages = new ArrayList<>();
    service().get("events").forEach(e -> messages.add(e.get("message").asText()));
    return messages;
  }

  /** Every task ListTasks gives for the desired status, described. */
  List<JsonNode> tasks(String desiredStatus) {
    JsonNode arns = ecs("ListTasks", "{\"cluster\":\"" + CLUSTER + "\",\"serviceName\":\"" + SERVICE
        + "\",\"desiredStatus\":\"" + desiredStatus + "\"}").get("taskArns");
    List<JsonNode> out = new ArrayList<>();
    if (arns.isEmpty()) {
      return out;
    }
    ObjectNode request = Json.object();
    request.put("cluster", CLUSTER);
    request.set("tasks", arns);
    engine.sync();
    ecs.call("DescribeTasks", request).get("tasks").forEach(out::add);
    return out;
  }
}
