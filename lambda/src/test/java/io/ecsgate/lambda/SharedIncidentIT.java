package io.ecsgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.cli.GateCliRun;
import io.ecsgate.diagnosis.AwsSettings;
import io.ecsgate.diagnosis.EcsClients;
import io.ecsgate.diagnosis.SimulatedAws;
import io.ecsgate.sim.EcsSimulator;
import io.ecsgate.sim.Scenarios;
import io.ecsgate.sim.SimulatorOptions;
import io.ecsgate.slack.testing.SlackStub;
import io.ecsgate.slack.testing.SlackStub.Request;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One incident per deployment, end to end: the gate ({@code ecs-gate deploy --state-table}, in
 * process) deploys a crash loop on the ECS simulator and posts to the Slack stand-in; the detector
 * handles the EventBridge events of that deployment's stopped tasks (built from what the simulator
 * reports) with its state in DynamoDB Local. Exactly one main message, the gate's; the detector's
 * additions are replies in its thread. The gate and the detector use different bot tokens, as a CI
 * job and the function would.
 */
class SharedIncidentIT {
  private static final String GATE_TOKEN = "xoxb-2222-3333-gateT0k3n";
  private static final String CLUSTER = "demo";
  private static final String SERVICE = "web";
  private static DynamoDbLocal local;
  private static DynamoDbClient dynamo;

  private final SlackStub slack = SlackStub.start();
  private final StringWriter gateOut = new StringWriter();
  private final StringWriter gateErr = new StringWriter();
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private final List<String> fed = new ArrayList<>();
  private String table;
  private DynamoDbState state;
  private EcsSimulator sim;
  private EcsClients ecs;

  @BeforeAll
  static void startDynamoDbLocal() throws Exception {
    local = DynamoDbLocal.start();
    dynamo = local.client;
  }

  @AfterAll
  static void stopDynamoDbLocal() throws Exception {
    local.close();
  }

  /** The table as the stack makes it (template.yaml's StateTable): pk, sk, TTL on ttl. */
  @BeforeEach
  void start() {
    table = local.newStateTable("ecs-gate-shared-");
    state = new DynamoDbState(() -> dynamo, table);
    // Credentials: failsafe's dummy AWS_ACCESS_KEY_ID. Not the system properties: the SDK's default
    // chain keeps the provider that worked first, and DynamoDbStateIT clears those properties.
    sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(0.01));
    sim.load(Scenarios.named("crash-loop"), CLUSTER, SERVICE);
    ecs = EcsClients.from(new AwsSettings(sim.region(), null, sim.endpoint()));
  }

  @AfterEach
  void stop() {
    background.shutdownNow();
    slack.close();
    ecs.close();
    sim.close();
  }

  private Future<Integer> gate(String... extra) {
    Map<String, String> env = new HashMap<>(Map.of(
        "SLACK_BOT_TOKEN", GATE_TOKEN, "SLACK_API_URL", slack.apiUrl(), "SLACK_CHANNEL", "#deploys",
        "GITLAB_USER_EMAIL", "alice@example.com", "GITLAB_USER_LOGIN", "alice",
        "CI_JOB_URL", "https://gitlab.example.com/shop/web/-/jobs/4711",
        "AWS_ENDPOINT_URL_DYNAMODB", local.endpoint.toString()));
    List<String> args = new ArrayList<>(List.of("deploy", "--cluster", CLUSTER, "--service", SERVICE,
        "--endpoint-url", sim.endpoint().toString(), "--region", sim.region(), "--poll-interval", "50ms", "--timeout", "9s"));
    args.addAll(List.of(extra));
    return background.submit(() -> GateCliRun.run(env, new PrintWriter(gateOut), new PrintWriter(gateErr),
        args.toArray(String[]::new)));
  }

  /** The detector's invocation now, as the function would handle the events. */
  private Harness detector() {
    return new Harness(state, slack, Map.of(), Instant.now(), Duration.ZERO);
  }

  @Test
  void aGatedFailedDeploymentAndItsEventsGiveExactlyOneMainMessageWithTheDetectorsAdditionsInItsThread()
      throws Exception {
    // The gate's first Slack call (the mention lookup) comes after its verdict and before its message.
    SlackStub.Hold beforeTheGatesMessage = slack.hold("users.lookupByEmail");
    Future<Integer> gate = gate("--state-table", table);
    assertThat(beforeTheGatesMessage.awaitArrival(Duration.ofSeconds(30))).as(gateErr.toString()).isTrue();

    Map<String, AttributeValue> claimed = gatedItem();
    String deployment = claimed.get("sk").s();
    assertThat(deployment).startsWith("ecs-svc/");
    assertThat(claimed).containsKeys("claimUntil", "gatedAt").doesNotContainKey("ts");
    assertThat(claimed.get("jobUrl").s()).isEqualTo("https://gitlab.example.com/shop/web/-/jobs/4711");
    assertThat(claimed.get("triggeredBy").s()).isEqualTo("alice");
    assertThat(Long.parseLong(claimed.get("ttl").n())).as("expires like the detector's items, in epoch seconds")
        .isBetween(Instant.now().plus(Duration.ofDays(7)).getEpochSecond(), Instant.now().plus(Duration.ofDays(8)).getEpochSecond());

    // The race: the detector sees the deployment's failures before the gate has posted.
    List<ObjectNode> early = newTaskEvents(deployment);
    assertThat(early).hasSizeGreaterThanOrEqualTo(3);
    Harness during = detector();
    for (ObjectNode e : early) {
      during.detector.handle(e);
    }
    assertThat(detectorRequests()).as("held for the gate's message").isEmpty();
    assertThat(during.log()).contains("held for the gate's message");

    beforeTheGatesMessage.release();
    assertThat(gate.get(30, TimeUnit.SECONDS)).as(gateErr.toString()).isEqualTo(1);
    Map<String, AttributeValue> posted = gatedItem();
    String gatesMessage = posted.get("ts").s();
    assertThat(posted.get("channel").s()).isEqualTo("#deploys");
    assertThat(posted).doesNotContainKey("claimUntil");

    // After the verdict the crash loop goes on: later failures of the deployment, then ECS's own word on it.
    SimulatedAws.await("a task stopped after the gate's verdict", Duration.ofSeconds(30),
        () -> stoppedTasks(deployment).size() > early.size());
    List<ObjectNode> later = newTaskEvents(deployment);
    Harness after = detector();
    for (ObjectNode e : later) {
      after.detector.handle(e);
    }
    after.detector.handle(deploymentFailed(deployment));

    List<Request> mainMessages = slack.requests().stream()
        .filter(r -> r.call().equals("chat.postMessage") && !r.form().containsKey("thread_ts")).toList();
    assertThat(mainMessages).as("exactly one main message: the gate's").hasSize(1);
    assertThat(mainMessages.get(0).headers()).containsEntry("authorization", "Bearer " + GATE_TOKEN);
    assertThat(mainMessages.get(0).form().get("text")).contains("<@" + SlackStub.USER_ID + ">");

    List<Request> replies = detectorRequests().stream().filter(r -> r.call().equals("chat.postMessage")).toList();
    assertThat(replies).isNotEmpty()
        .allSatisfy(r -> assertThat(r.form()).containsEntry("thread_ts", gatesMessage).containsEntry("channel", "#deploys"));
    int tasks = early.size() + later.size();
    String counted = tasks + " stopped tasks like this";
    assertThat(detectorRequests()).as("the count includes the failures held before the gate's message")
        .anySatisfy(r -> assertThat(r.form().get("text")).contains(counted));
    assertThat(replies).anySatisfy(r -> assertThat(r.form().get("text")).containsIgnoringCase("deployment"));
    assertThat(detectorRequests().stream().filter(r -> r.call().equals("chat.update")))
        .allSatisfy(r -> assertThat(r.form().get("ts")).as("the detector updates its own reply").isNotEqualTo(gatesMessage));
    assertThat(gateErr.toString()).doesNotContain("state table");
  }

  @Test
  void withoutTheTableTheGateAndTheDetectorEachPostTheirOwnMessageAsBefore() throws Exception {
    assertThat(gate().get(30, TimeUnit.SECONDS)).as(gateErr.toString()).isEqualTo(1);
    String deployment = ecs.ecs().describeServices(b -> b.cluster(CLUSTER).services(SERVICE)).services().get(0)
        .deployments().get(0).id();

    Harness h = detector();
    for (ObjectNode e : newTaskEvents(deployment)) {
      h.detector.handle(e);
    }

    List<Request> mainMessages = slack.requests().stream()
        .filter(r -> r.call().equals("chat.postMessage") && !r.form().containsKey("thread_ts")).toList();
    assertThat(mainMessages).extracting(r -> r.form().get("channel")).containsExactly("#deploys", "#ecs-alerts");
    assertThat(dynamo.scan(b -> b.tableName(table)).items()).as("the gate wrote nothing")
        .noneMatch(i -> i.get("pk").s().startsWith("gated#"));
  }

  private Map<String, AttributeValue> gatedItem() {
    List<Map<String, AttributeValue>> items = dynamo.query(b -> b.tableName(table).consistentRead(true)
        .keyConditionExpression("pk = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("gated#" + CLUSTER + "#service:" + SERVICE)))).items();
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  /** Requests made with the detector's token. */
  private List<Request> detectorRequests() {
    return slack.requests().stream()
        .filter(r -> ("Bearer " + Harness.TOKEN).equals(r.headers().get("authorization"))).toList();
  }

  private List<Task> stoppedTasks(String deployment) {
    EcsClient c = ecs.ecs();
    List<String> arns = c.listTasks(b -> b.cluster(CLUSTER).serviceName(SERVICE).desiredStatus(DesiredStatus.STOPPED))
        .taskArns();
    return arns.isEmpty() ? List.of() : c.describeTasks(b -> b.cluster(CLUSTER).tasks(arns)).tasks().stream()
        .filter(t -> deployment.equals(t.startedBy()) && "STOPPED".equals(t.lastStatus())).toList();
  }

  /** The "ECS Task State Change" events of the deployment's tasks that stopped since the last call. */
  private List<ObjectNode> newTaskEvents(String deployment) {
    List<ObjectNode> events = new ArrayList<>();
    for (Task t : stoppedTasks(deployment)) {
      if (!fed.contains(t.taskArn())) {
        fed.add(t.taskArn());
        events.add(taskEvent(t));
      }
    }
    return events;
  }

  /** What EventBridge delivers for a stopped task: its detail has the shape of DescribeTasks' task. */
  private ObjectNode taskEvent(Task t) {
    ObjectNode e = envelope("ECS Task State Change", t.taskArn(), t.stoppedAt());
    ObjectNode d = e.putObject("detail");
    put(d, "clusterArn", t.clusterArn());
    put(d, "taskArn", t.taskArn());
    put(d, "taskDefinitionArn", t.taskDefinitionArn());
    put(d, "group", t.group());
    put(d, "startedBy", t.startedBy());
    put(d, "launchType", t.launchTypeAsString());
    put(d, "lastStatus", t.lastStatus());
    put(d, "desiredStatus", t.desiredStatus());
    put(d, "stopCode", t.stopCodeAsString());
    put(d, "stoppedReason", t.stoppedReason());
    put(d, "createdAt", t.createdAt() == null ? null : t.createdAt().toString());
    put(d, "startedAt", t.startedAt() == null ? null : t.startedAt().toString());
    put(d, "stoppedAt", t.stoppedAt() == null ? null : t.stoppedAt().toString());
    ArrayNode containers = d.putArray("containers");
    for (Container c : t.containers()) {
      ObjectNode node = containers.addObject();
      put(node, "name", c.name());
      put(node, "lastStatus", c.lastStatus());
      put(node, "reason", c.reason());
      if (c.exitCode() != null) {
        node.put("exitCode", c.exitCode().intValue());
      }
    }
    return e;
  }

  /** ECS's event when the circuit breaker or the operator fails the deployment (shape: the corpus's deploy-failed events). */
  private ObjectNode deploymentFailed(String deployment) {
    String serviceArn = "arn:aws:ecs:" + sim.region() + ":123456789012:service/" + CLUSTER + "/" + SERVICE;
    ObjectNode e = envelope("ECS Deployment State Change", serviceArn + "#" + deployment, Instant.now());
    e.put("time", Instant.now().toString());
    e.putObject("detail").put("eventType", "ERROR").put("eventName", "SERVICE_DEPLOYMENT_FAILED")
        .put("deploymentId", deployment).put("updatedAt", Instant.now().toString())
        .put("reason", "ECS deployment circuit breaker: tasks failed to start.");
    return e;
  }

  private ObjectNode envelope(String detailType, String resource, Instant time) {
    ObjectNode e = Harness.JSON.createObjectNode();
    e.put("version", "0")
        .put("id", UUID.nameUUIDFromBytes((detailType + resource).getBytes(StandardCharsets.UTF_8)).toString())
        .put("detail-type", detailType).put("source", "aws.ecs").put("account", "123456789012")
        .put("time", (time == null ? Instant.now() : time).toString()).put("region", sim.region());
    e.putArray("resources").add(resource.contains("#") ? resource.substring(0, resource.indexOf('#')) : resource);
    return e;
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
