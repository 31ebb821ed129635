package io.ecsgate.lambda.template;

import static io.ecsgate.lambda.template.CfnTemplate.asList;
import static io.ecsgate.lambda.template.CfnTemplate.asMap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.lambda.template.CorpusEvents.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

/**
 * The EventBridge patterns of template.yaml, read from the template itself and run with Event
 * Ruler (the matcher EventBridge is built on) against every EventBridge event of the classifier's
 * corpus: the pre-filter in front of the function may drop only what the classifier never alerts
 * on, and the archive must keep every stopped task.
 */
class TemplatePatternsTest {
  private static final CfnTemplate TEMPLATE = CfnTemplate.load();
  private static final List<Event> EVENTS = CorpusEvents.all();

  /** Rule logical id to its pattern as JSON, for the rules whose target is the function's alias. */
  private static final Map<String, String> FUNCTION_PATTERNS = patterns(true);
  /** The same for the rules that target a log group: the archive. */
  private static final Map<String, String> ARCHIVE_PATTERNS = patterns(false);
  private static final Machine FUNCTION = machine(FUNCTION_PATTERNS);
  private static final Machine ARCHIVE = machine(ARCHIVE_PATTERNS);

  private static final String SCALE_IN_REASON =
      "Scaling activity initiated by (deployment ecs-svc/8709920613704280865)";

  @Test
  void everyPatternIsAPlainMapThatEventRulerAccepts() {
    Map<String, Map<String, Object>> rules = TEMPLATE.propertiesOf("AWS::Events::Rule");
    int withPattern = 0;
    for (Map.Entry<String, Map<String, Object>> rule : rules.entrySet()) {
      Object pattern = rule.getValue().get("EventPattern");
      if (pattern == null) {
        assertThat(rule.getValue()).as("%s has neither pattern nor schedule", rule.getKey())
            .containsKey("ScheduleExpression");
        continue;
      }
      withPattern++;
      assertThat(pattern).as("%s: EventPattern must be a YAML map, not a !Sub'd JSON string", rule.getKey())
          .isInstanceOf(Map.class);
      assertThat(asMap(pattern)).as("%s: no CloudFormation function inside a pattern", rule.getKey())
          .doesNotContainKeys("Fn::Sub", "Ref", "Fn::Join");
      String json = toJson(pattern);
      assertThat(JsonRuleCompiler.check(json)).as("Event Ruler's verdict on %s: %s", rule.getKey(), json).isNull();
    }
    assertThat(withPattern).isEqualTo(5);
    assertThat(FUNCTION_PATTERNS).containsOnlyKeys("TaskStoppedRule", "ServiceActionRule", "DeploymentStateRule",
        "HookStateRule");
    assertThat(ARCHIVE_PATTERNS).containsOnlyKeys("ArchiveRule");
  }

  @Test
  void theCorpusHoldsEnoughEventsOfEveryKindForTheChecksToMeanSomething() {
    assertThat(EVENTS).hasSizeGreaterThanOrEqualTo(40);
    for (String detailType : List.of("ECS Task State Change", "ECS Service Action", "ECS Deployment State Change",
        "ECS Hook State Change")) {
      assertThat(EVENTS).as("alerting %s events", detailType)
          .filteredOn(e -> e.detailType().equals(detailType) && e.verdict().alert()).isNotEmpty();
    }
    assertThat(EVENTS).filteredOn(e -> e.verdict().alert()).hasSizeGreaterThanOrEqualTo(25);
  }

  static Stream<Event> alertingEvents() {
    return EVENTS.stream().filter(e -> e.verdict().alert());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alertingEvents")
  void everyEventTheClassifierAlertsOnReachesTheFunction(Event event) throws Exception {
    assertThat(FUNCTION.rulesForJSONEvent(event.json().toString()))
        .as("rules passing %s, which the classifier alerts on: %s", event, event.verdict().summary())
        .isNotEmpty();
  }

  @Test
  void everyStoppedTaskReachesTheArchiveAndNothingElseDoes() throws Exception {
    int stopped = 0;
    for (Event event : EVENTS) {
      List<String> matched = ARCHIVE.rulesForJSONEvent(event.json().toString());
      if (event.isStoppedTask()) {
        stopped++;
        assertThat(matched).as("archive rule on stopped task %s", event).containsExactly("ArchiveRule");
      } else {
        assertThat(matched).as("archive rule on %s (%s)", event, event.detailType()).isEmpty();
      }
    }
    assertThat(stopped).isGreaterThanOrEqualTo(30);
  }

  @Test
  void thePreFilterDropsBenignEvents() throws Exception {
    Set<String> dropped = new LinkedHashSet<>();
    for (Event event : EVENTS) {
      if (FUNCTION.rulesForJSONEvent(event.json().toString()).isEmpty()) {
        assertThat(event.verdict().alert()).as("dropped %s", event).isFalse();
        dropped.add(event.name());
      }
    }
    assertThat(dropped).contains(
        "spot-two-minute-warning-running",    // a RUNNING task (the Spot warning)
        "deploy-scaling-activity-exit-143",   // a task its deployment replaced
        "deploy-state-in-progress",           // ECS's plain "deployment in progress" note
        "steady-state-capacity-provider",     // INFO, not the service's steady state
        "az-rebalancing-started-service-action",   // AZ rebalancing: expected, INFO
        "az-rebalancing-completed-service-action");
  }

  @Test
  void recoveryEventsReachTheFunctionThoughTheyNeverAlert() throws Exception {
    // HOOK_SUCCEEDED: a pause was answered with CONTINUE, which closes the "awaiting action" message
    for (String name : List.of("steady-state-service-action", "deploy-state-completed", "hook-succeeded-pause-continued")) {
      Event event = CorpusEvents.named(EVENTS, name);
      assertThat(event.verdict().alert()).as("%s alerts", name).isFalse();
      assertThat(FUNCTION.rulesForJSONEvent(event.json().toString())).as("rules passing %s", name).isNotEmpty();
    }
  }

  /**
   * Seed 000 needed two rules (exitCode anything-but 0, exitCode exists false) and still missed a
   * task whose sidecar exited 0 while the essential container never started: on an array,
   * anything-but 0 needs a non-zero code somewhere and exists false needs no code anywhere.
   */
  static Stream<Arguments> sidecarExitedZeroBesideAContainerThatNeverStarted() {
    String pull = "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref"
        + " docker.io/library/app:1.2.3: not found";
    return Stream.of(
        Arguments.of("app without exitCode", true, task("TaskFailedToStart", pull,
            "[{\"name\":\"log_router\",\"lastStatus\":\"STOPPED\",\"exitCode\":0},"
                + "{\"name\":\"app\",\"lastStatus\":\"STOPPED\"}]")),
        // JSON null is a value to Event Ruler: anything-but 0 matches it, so the seed catches this one.
        Arguments.of("app with exitCode null", false, task("TaskFailedToStart", pull,
            "[{\"name\":\"log_router\",\"lastStatus\":\"STOPPED\",\"exitCode\":0},"
                + "{\"name\":\"app\",\"lastStatus\":\"STOPPED\",\"exitCode\":null}]")),
        Arguments.of("sidecar listed last", true, task("TaskFailedToStart", pull,
            "[{\"name\":\"app\",\"lastStatus\":\"STOPPED\"},"
                + "{\"name\":\"datadog-agent\",\"lastStatus\":\"STOPPED\",\"exitCode\":0}]")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void sidecarExitedZeroBesideAContainerThatNeverStarted(String name, boolean seedMisses, String json)
      throws Exception {
    JsonNode event = CorpusEvents.parse(json);
    Machine seed = new Machine();
    seed.addRule("seed-rule-1-exitCode-not-0", SEED_RULE.formatted("{\"anything-but\": 0}"));
    seed.addRule("seed-rule-2-exitCode-missing", SEED_RULE.formatted("{\"exists\": false}"));

    assertThat(CorpusEvents.classify(event, name).alert()).as("the classifier alerts").isTrue();
    assertThat(seed.rulesForJSONEvent(json).isEmpty()).as("the seed's two rules miss it").isEqualTo(seedMisses);
    assertThat(FUNCTION.rulesForJSONEvent(json)).as("our rules").containsExactly("TaskStoppedRule");
  }

  /** Seed 000's pattern, less its clusterArn filter, with the exitCode test left open. */
  private static final String SEED_RULE = """
      {"source": ["aws.ecs"], "detail-type": ["ECS Task State Change"],
       "detail": {"desiredStatus": ["STOPPED"], "lastStatus": ["STOPPED"],
                  "containers": {"exitCode": [%s]},
                  "stoppedReason": [{"anything-but": {"prefix": "Scaling activity initiated by"}}]}}""";

  /**
   * The one stopped-task drop, tried on every stopped task of the corpus: rewritten as a scale-in
   * by its deployment (same containers, same container reasons), it must still reach the function
   * whenever the classifier would alert on it, as when a container reason says it ran out of memory.
   */
  @Test
  void theScaleInDropNeverHidesAnAlertWhateverTheContainersSay() throws Exception {
    int alertedAndPassed = 0;
    int dropped = 0;
    for (Event event : EVENTS) {
      if (!event.isStoppedTask()) {
        continue;
      }
      for (String stopCode : new String[] {null, "ServiceSchedulerInitiated"}) {
        ObjectNode variant = event.json().deepCopy();
        ObjectNode detail = (ObjectNode) variant.get("detail");
        detail.put("stoppedReason", SCALE_IN_REASON);
        if (stopCode != null) {
          detail.put("stopCode", stopCode);
        }
        Verdict verdict = CorpusEvents.classify(variant, event.name());
        boolean passes = !FUNCTION.rulesForJSONEvent(variant.toString()).isEmpty();
        if (verdict.alert()) {
          assertThat(passes).as("%s as a scale-in (stopCode %s): the classifier alerts (%s)", event, stopCode,
              verdict.summary()).isTrue();
          alertedAndPassed++;
        } else if (!passes) {
          dropped++;
        }
      }
    }
    assertThat(alertedAndPassed).as("scale-ins the classifier still alerts on, which must pass").isPositive();
    assertThat(dropped).as("scale-ins dropped").isPositive();
  }

  static Stream<Arguments> edgeCases() {
    String scaleInOom = "[{\"name\":\"web\",\"lastStatus\":\"STOPPED\",\"exitCode\":137,"
        + "\"reason\":\"OutOfMemoryError: Container killed due to memory usage\"}]";
    String exited1 = "[{\"name\":\"web\",\"lastStatus\":\"STOPPED\",\"exitCode\":1}]";
    return Stream.of(
        Arguments.of("stopped task without stoppedReason", true, task(null, null, exited1)),
        Arguments.of("stopped task with stoppedReason null", true,
            withDetail(task(null, null, exited1), "stoppedReason", NullNode.getInstance())),
        Arguments.of("scale-in whose container ran out of memory", true,
            task("ServiceSchedulerInitiated", SCALE_IN_REASON, scaleInOom)),
        Arguments.of("scale-in with a container reason null", true, task("ServiceSchedulerInitiated", SCALE_IN_REASON,
            "[{\"name\":\"web\",\"lastStatus\":\"STOPPED\",\"exitCode\":143,\"reason\":null}]")),
        Arguments.of("scaling activity of another shape", true,
            task("ServiceSchedulerInitiated", "Scaling activity initiated by (service web)",
                "[{\"name\":\"web\",\"lastStatus\":\"STOPPED\",\"exitCode\":143}]")),
        Arguments.of("plain scale-in", false, task("ServiceSchedulerInitiated", SCALE_IN_REASON,
            "[{\"name\":\"web\",\"lastStatus\":\"STOPPED\",\"exitCode\":143}]")),
        Arguments.of("running task", false, withDetail(task("TerminationNotice", "Your Spot Task was interrupted.",
            "[{\"name\":\"web\",\"lastStatus\":\"RUNNING\"}]"), "lastStatus", TextNode.valueOf("RUNNING"))),
        Arguments.of("service action WARN in lower case", true,
            serviceAction("warn", "SERVICE_TASK_START_IMPAIRED")),
        Arguments.of("service action ERROR of a new name", true, serviceAction("ERROR", "SERVICE_SOMETHING_NEW")),
        Arguments.of("service action INFO", false, serviceAction("INFO", "CAPACITY_PROVIDER_STEADY_STATE")),
        Arguments.of("AZ rebalancing that cannot place a task", true,
            serviceAction("ERROR", "SERVICE_TASK_PLACEMENT_FAILURE")),
        Arguments.of("rollback with a capital R", true, deployment("INFO", "SERVICE_DEPLOYMENT_IN_PROGRESS",
            "ECS deployment circuit breaker: Rolling back to deploymentId ecs-svc/122.")),
        Arguments.of("rollback in capitals", true, deployment("INFO", "SERVICE_DEPLOYMENT_IN_PROGRESS",
            "ECS DEPLOYMENT CIRCUIT BREAKER: ROLLING BACK TO DEPLOYMENTID ECS-SVC/122.")),
        Arguments.of("in-progress note of another wording", true, deployment("INFO", "SERVICE_DEPLOYMENT_IN_PROGRESS",
            "Deployment ecs-svc/123 started.")),
        Arguments.of("plain in-progress note", false, deployment("INFO", "SERVICE_DEPLOYMENT_IN_PROGRESS",
            "ECS deployment ecs-svc/4242 in progress.")),
        Arguments.of("deployment ERROR of a new name", true,
            deployment("ERROR", "SERVICE_DEPLOYMENT_STOPPED", "ECS deployment ecs-svc/1 stopped.")),
        Arguments.of("deployment ERROR without eventName", true,
            deployment("ERROR", null, "ECS deployment ecs-svc/1 went wrong.")),
        Arguments.of("hook awaiting action", true, hook("INFO", "HOOK_AWAITING_ACTION")),
        Arguments.of("hook failed, as ERROR", true, hook("ERROR", "HOOK_FAILED")),
        Arguments.of("hook timed out", true, hook("INFO", "HOOK_TIMED_OUT")),
        Arguments.of("hook in progress", false, hook("INFO", "HOOK_IN_PROGRESS")),
        Arguments.of("hook ERROR of a new name", true, hook("ERROR", "HOOK_SOMETHING_NEW")),
        Arguments.of("hook INFO of a new name", false, hook("INFO", "HOOK_SOMETHING_NEW")));
  }

  /** Hand-written events at the edges of each pattern; whatever the classifier alerts on must pass. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("edgeCases")
  void edgesOfThePatterns(String name, boolean passes, String json) throws Exception {
    JsonNode event = CorpusEvents.parse(json);
    List<String> matched = FUNCTION.rulesForJSONEvent(json);
    assertThat(!matched.isEmpty()).as("%s reaches the function (rules %s)", name, matched).isEqualTo(passes);
    if (!passes) {
      assertThat(CorpusEvents.classify(event, name).alert()).as("the classifier alerts on dropped %s", name).isFalse();
    }
  }

  /** The saved Logs Insights queries name fields that archived events really have. */
  @Test
  void savedQueriesUseFieldsTheArchivedEventsHave() {
    Map<String, Map<String, Object>> queries = TEMPLATE.propertiesOf("AWS::Logs::QueryDefinition");
    assertThat(queries).hasSize(3);
    List<JsonNode> stopped = EVENTS.stream().filter(Event::isStoppedTask).map(Event::json).toList();
    Pattern field = Pattern.compile("\\bdetail(?:\\.[A-Za-z0-9_]+)+");
    Set<String> used = new LinkedHashSet<>();
    for (Map.Entry<String, Map<String, Object>> query : queries.entrySet()) {
      Map<String, Object> properties = query.getValue();
      assertThat(asList(properties.get("LogGroupNames"))).as(query.getKey())
          .containsExactly(Map.of("Ref", "ArchiveLogGroup"));
      String text = (String) properties.get("QueryString");
      assertThat(text).as(query.getKey()).contains("filter detail.lastStatus = \"STOPPED\"").contains("| stats ");
      Matcher m = field.matcher(text);
      while (m.find()) {
        String path = m.group();
        used.add(path);
        String pointer = "/" + path.replace('.', '/');
        assertThat(stopped).as("%s: some archived stopped task has %s", query.getKey(), path)
            .anyMatch(e -> !e.at(pointer).isMissingNode());
      }
    }
    assertThat(used).contains("detail.stoppedReason", "detail.group", "detail.containers.0.exitCode");
    assertThat(queries.values()).extracting(p -> String.valueOf(p.get("Name")))
        .anyMatch(n -> n.contains("by reason")).anyMatch(n -> n.contains("by service"))
        .anyMatch(n -> n.contains("by exit code"));
  }

  // ------------------------------------------------------------------ helpers

  private static Map<String, String> patterns(boolean function) {
    Map<String, String> result = new LinkedHashMap<>();
    TEMPLATE.propertiesOf("AWS::Events::Rule").forEach((id, properties) -> {
      if (properties.get("EventPattern") == null) {
        return;
      }
      boolean toFunction = false;
      boolean toLogs = false;
      for (Object t : asList(properties.get("Targets"))) {
        Object arn = asMap(t).get("Arn");
        toFunction |= CfnTemplate.FUNCTION_ALIAS.equals(arn);
        toLogs |= arn instanceof Map<?, ?> m && String.valueOf(m.get("Fn::Sub")).contains(":log-group:");
      }
      if (function ? toFunction : toLogs) {
        result.put(id, toJson(properties.get("EventPattern")));
      }
    });
    return result;
  }

  private static Machine machine(Map<String, String> patterns) {
    Machine machine = new Machine();
    patterns.forEach((id, json) -> {
      try {
        machine.addRule(id, json);
      } catch (java.io.IOException e) {
        throw new AssertionError(id + ": " + e.getMessage(), e);
      }
    });
    return machine;
  }

  private static String toJson(Object value) {
    try {
      return CorpusEvents.JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static String task(String stopCode, String stoppedReason, String containers) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("clusterArn", "arn:aws:ecs:eu-west-1:123456789012:cluster/prod");
    detail.put("taskArn", "arn:aws:ecs:eu-west-1:123456789012:task/prod/0123456789abcdef0123456789abcdef");
    detail.put("taskDefinitionArn", "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7");
    detail.put("group", "service:web");
    detail.put("lastStatus", "STOPPED");
    detail.put("desiredStatus", "STOPPED");
    if (stopCode != null) {
      detail.put("stopCode", stopCode);
    }
    if (stoppedReason != null) {
      detail.put("stoppedReason", stoppedReason);
    }
    detail.put("containers", CorpusEvents.parse(containers));
    return envelope("ECS Task State Change", detail);
  }

  private static String withDetail(String json, String field, JsonNode value) {
    ObjectNode event = (ObjectNode) CorpusEvents.parse(json);
    ((ObjectNode) event.get("detail")).set(field, value);
    return event.toString();
  }

  private static String serviceAction(String eventType, String eventName) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("eventType", eventType);
    detail.put("eventName", eventName);
    detail.put("clusterArn", "arn:aws:ecs:eu-west-1:123456789012:cluster/prod");
    detail.put("createdAt", "2026-11-21T10:00:00.000Z");
    return envelope("ECS Service Action", detail);
  }

  private static String deployment(String eventType, String eventName, String reason) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("eventType", eventType);
    if (eventName != null) {
      detail.put("eventName", eventName);
    }
    detail.put("deploymentId", "ecs-svc/123");
    detail.put("updatedAt", "2026-11-21T10:00:00Z");
    detail.put("reason", reason);
    return envelope("ECS Deployment State Change", detail);
  }

  /** A hook state change as the AWS doc shows it, with no ARN the rule could filter on but the detail's. */
  private static String hook(String eventType, String eventName) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("eventType", eventType);
    detail.put("eventName", eventName);
    detail.put("hookId", "ecs-pause-e7tK9G");
    detail.put("hookType", "PAUSE");
    detail.put("lifecycleStage", "POST_TEST_TRAFFIC_SHIFT");
    detail.put("clusterArn", "arn:aws:ecs:eu-west-1:123456789012:cluster/prod");
    detail.put("serviceArn", "arn:aws:ecs:eu-west-1:123456789012:service/prod/web");
    detail.put("serviceDeploymentArn", "arn:aws:ecs:eu-west-1:123456789012:service-deployment/prod/web/0EYSiB0q");
    detail.put("updatedAt", "2026-11-21T10:00:00Z");
    return envelope("ECS Hook State Change", detail);
  }

  private static String envelope(String detailType, Map<String, Object> detail) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "0");
    event.put("id", "00000000-0000-0000-0000-000000000000");
    event.put("detail-type", detailType);
    event.put("source", "aws.ecs");
    event.put("account", "123456789012");
    event.put("time", "2026-11-21T10:00:00Z");
    event.put("region", "eu-west-1");
    event.put("resources", new ArrayList<>(List.of("arn:aws:ecs:eu-west-1:123456789012:service/prod/web")));
    event.put("detail", detail);
    return toJson(event);
  }
}
