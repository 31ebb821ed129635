package io.ecsgate.lambda.template;

import static io.ecsgate.lambda.template.CfnTemplate.asList;
import static io.ecsgate.lambda.template.CfnTemplate.asMap;
import static io.ecsgate.lambda.template.CfnTemplate.oneOrMany;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * template.yaml passes cfn-lint (the machine's, run as a process) without a word, and keeps the
 * properties the issue asks for: no wildcard action, java21 with SnapStart, log retention
 * everywhere, a dead-letter queue on every target of the function, alarms on every rule.
 */
class TemplateLintIT {
  private static final CfnTemplate TEMPLATE = CfnTemplate.load();

  private static final String ECS_ARN_PREFIX = "arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:";

  @Test
  void cfnLintFindsNothing() throws Exception {
    Result lint = cfnLint(CfnTemplate.PATH);

    assertThat(lint.output()).as("cfn-lint output").isEmpty();
    assertThat(lint.exitCode()).as("cfn-lint exit code").isZero();
  }

  /** The lint test can fail: cfn-lint sees through the SAM transform and rejects java17. */
  @Test
  void cfnLintWouldRejectTheDeprecatedJava17(@TempDir Path dir) throws Exception {
    String template = Files.readString(CfnTemplate.PATH);
    assertThat(template).contains("Runtime: java21");
    Path java17 = dir.resolve("template.yaml");
    Files.writeString(java17, template.replace("Runtime: java21", "Runtime: java17"));

    Result lint = cfnLint(java17);

    assertThat(lint.exitCode()).isNotZero();
    assertThat(lint.output()).contains("E2533").contains("java17");
  }

  @Test
  void noIamStatementGrantsAWildcardAction() {
    List<Map<String, Object>> statements = statements();
    assertThat(statements).as("statements found: the role's, the queue policy's, the log group policy's")
        .hasSizeGreaterThanOrEqualTo(13);
    for (Map<String, Object> statement : statements) {
      assertThat(statement).as("statement %s", statement.get("Sid")).doesNotContainKey("NotAction")
          .containsKey("Action");
      for (Object action : oneOrMany(statement.get("Action"))) {
        assertThat(action).as("an action of %s", statement.get("Sid")).isInstanceOf(String.class);
        assertThat((String) action).as("an action of %s", statement.get("Sid")).doesNotContain("*")
            .matches("[a-z0-9-]+:[A-Za-z0-9]+");
      }
    }
  }

  /**
   * Resource "*" only where the Service Authorization Reference gives the action no resource type
   * (and then with its condition key where it has one); every other ECS grant names this
   * account's and region's ARNs.
   */
  @Test
  void ecsGrantsAreScopedToThisAccountAndRegion() {
    Map<String, Map<String, Object>> bySid = new LinkedHashMap<>();
    for (Map<String, Object> statement : roleStatements()) {
      bySid.put((String) statement.get("Sid"), statement);
      List<Object> actions = oneOrMany(statement.get("Action"));
      List<Object> resources = oneOrMany(statement.get("Resource"));
      if (resources.contains("*")) {
        assertThat(actions).as("actions granted on \"*\"").isSubsetOf(
            "ecs:ListClusters", "ecs:DescribeTaskDefinition", "ecs:ListServices", "ecs:ListTasks");
      }
      if (actions.stream().anyMatch(a -> ((String) a).startsWith("ecs:")) && !resources.contains("*")) {
        assertThat(resources).as("resources of %s", statement.get("Sid")).allSatisfy(r ->
            assertThat(String.valueOf(asMap(r).get("Fn::Sub"))).startsWith(ECS_ARN_PREFIX));
      }
    }
    Map<String, Object> lists = bySid.get("EcsListInClusters");
    assertThat(lists).as("the ListServices/ListTasks statement").isNotNull();
    assertThat(asMap(asMap(lists.get("Condition")).get("ArnLike")))
        .containsEntry("ecs:cluster", Map.of("Fn::Sub", ECS_ARN_PREFIX + "cluster/*"));
    assertThat(bySid).containsKeys("EcsDescribeServices", "EcsDescribeTasks", "EcsTagsOfServicesAndClusters",
        "ContainerLogTails", "SlackToken", "State");
    assertThat(bySid.get("SlackToken")).containsEntry("Resource", Map.of("Ref", "SlackTokenSecretArn"));
    assertThat(bySid.get("State")).containsEntry("Resource", Map.of("Fn::GetAtt", "StateTable.Arn"));
  }

  @Test
  void theFunctionRunsJava21WithSnapStartOnItsAlias() {
    Map<String, Object> function = TEMPLATE.propertiesOf("AWS::Serverless::Function").get("EcsGateFunction");
    assertThat(function).as("EcsGateFunction").isNotNull()
        .containsEntry("Runtime", "java21")
        .containsEntry("Handler", "io.ecsgate.lambda.EcsEventHandler::handleRequest")
        .containsEntry("CodeUri", "target/ecs-gate-lambda.jar")
        .containsEntry("AutoPublishAlias", "live")
        .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
    assertThat((Integer) function.get("Timeout")).isBetween(30, 900);
    Map<String, Object> invoke = asMap(function.get("EventInvokeConfig"));
    assertThat(invoke).containsEntry("MaximumRetryAttempts", 2);
    assertThat(asMap(asMap(invoke.get("DestinationConfig")).get("OnFailure")))
        .containsEntry("Type", "SQS")
        .containsEntry("Destination", Map.of("Fn::GetAtt", "DeadLetterQueue.Arn"));
    assertThat(asMap(asMap(function.get("Environment")).get("Variables"))).containsOnlyKeys(
        "SLACK_TOKEN_SECRET_ARN", "DEFAULT_SLACK_CHANNEL", "SLACK_ROUTES", "SLACK_CHANNEL_TAG", "STATE_TABLE",
        "FLOOD_WINDOW", "LONG_RUNNING_AFTER", "SWEEP_INCLUDE_GROUPS", "SWEEP_EXCLUDE_GROUPS", "BELOW_DESIRED_AFTER");
  }

  @Test
  void everyLogGroupHasARetention() {
    Map<String, Map<String, Object>> groups = TEMPLATE.propertiesOf("AWS::Logs::LogGroup");
    assertThat(groups).containsOnlyKeys("FunctionLogGroup", "ArchiveLogGroup");
    groups.forEach((id, properties) -> assertThat(properties).as(id).containsKey("RetentionInDays"));
    assertThat(groups.get("FunctionLogGroup"))
        .containsEntry("LogGroupName", Map.of("Fn::Sub", "/aws/lambda/${AWS::StackName}"));
    assertThat(TEMPLATE.propertiesOf("AWS::Serverless::Function").get("EcsGateFunction"))
        .containsEntry("FunctionName", Map.of("Ref", "AWS::StackName"));
    assertThat(String.valueOf(asMap(groups.get("ArchiveLogGroup").get("LogGroupName")).get("Fn::Sub")))
        .startsWith("/aws/events/");
  }

  @Test
  void everyRuleTargetingTheFunctionHasRetriesADeadLetterQueueAndItsOwnPermission() {
    Map<String, Map<String, Object>> permissions = TEMPLATE.propertiesOf("AWS::Lambda::Permission");
    List<String> functionRules = new ArrayList<>();
    TEMPLATE.propertiesOf("AWS::Events::Rule").forEach((id, rule) -> {
      for (Object t : asList(rule.get("Targets"))) {
        Map<String, Object> target = asMap(t);
        assertThat(target).as("target of %s", id).containsKeys("DeadLetterConfig", "RetryPolicy");
        if (CfnTemplate.FUNCTION_ALIAS.equals(target.get("Arn"))) {
          functionRules.add(id);
          assertThat(asMap(target.get("DeadLetterConfig")))
              .containsEntry("Arn", Map.of("Fn::GetAtt", "DeadLetterQueue.Arn"));
          assertThat(permissions.values()).as("a permission for %s", id).anySatisfy(p -> assertThat(p)
              .containsEntry("FunctionName", CfnTemplate.FUNCTION_ALIAS)
              .containsEntry("Principal", "events.amazonaws.com")
              .containsEntry("SourceArn", Map.of("Fn::GetAtt", id + ".Arn")));
        }
      }
    });
    assertThat(functionRules).containsExactlyInAnyOrder(
        "TaskStoppedRule", "ServiceActionRule", "DeploymentStateRule", "HookStateRule", "SweepRule");
    assertThat(permissions).hasSize(functionRules.size());
    assertThat(TEMPLATE.propertiesOf("AWS::Events::Rule").get("SweepRule"))
        .containsEntry("ScheduleExpression", Map.of("Ref", "SweepSchedule"));
  }

  @Test
  void everyRuleTheFunctionAndTheDeadLetterQueueHaveAnAlarm() {
    Map<String, Map<String, Object>> alarms = TEMPLATE.propertiesOf("AWS::CloudWatch::Alarm");
    List<String> watched = new ArrayList<>();
    for (Map<String, Object> alarm : alarms.values()) {
      Map<String, Object> dimension = asMap(asList(alarm.get("Dimensions")).get(0));
      watched.add(alarm.get("Namespace") + " " + alarm.get("MetricName") + " " + dimension.get("Value"));
      assertThat(alarm.get("AlarmActions")).as("actions only with a topic")
          .isEqualTo(Map.of("Fn::If", List.of("HasAlarmTopic", List.of(Map.of("Ref", "AlarmTopicArn")),
              Map.of("Ref", "AWS::NoValue"))));
    }
    List<String> expected = new ArrayList<>();
    for (String rule : TEMPLATE.propertiesOf("AWS::Events::Rule").keySet()) {
      expected.add("AWS/Events FailedInvocations {Ref=" + rule + "}");
    }
    expected.add("AWS/Lambda Errors {Ref=EcsGateFunction}");
    expected.add("AWS/Lambda Throttles {Ref=EcsGateFunction}");
    expected.add("AWS/SQS ApproximateNumberOfMessagesVisible {Fn::GetAtt=DeadLetterQueue.QueueName}");
    assertThat(watched).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theOutputsNameWhatAnOperatorNeeds() {
    Map<String, Object> outputs = asMap(TEMPLATE.root.get("Outputs"));
    assertThat(outputs).containsOnlyKeys("FunctionAliasArn", "StateTableName", "ArchiveLogGroupName",
        "DeadLetterQueueUrl", "GateStatePolicyArn");
    assertThat(asMap(outputs.get("FunctionAliasArn"))).containsEntry("Value", CfnTemplate.FUNCTION_ALIAS);
    assertThat(asMap(outputs.get("GateStatePolicyArn"))).containsEntry("Value", Map.of("Ref", "GateStatePolicy"));
  }

  /**
   * The CI role's policy for the shared incident: the one write the gate makes (UpdateItem), on
   * this table only, and only to items whose partition key is a gate record, never the detector's.
   */
  @Test
  void theGatesPolicyWritesOnlyItsOwnRecordsOfTheStateTable() {
    Map<String, Object> policy = TEMPLATE.propertiesOf("AWS::IAM::ManagedPolicy").get("GateStatePolicy");
    List<Map<String, Object>> statements = new ArrayList<>();
    collectStatements(asMap(policy.get("PolicyDocument")), statements);
    assertThat(statements).singleElement().satisfies(s -> {
      assertThat(s).containsEntry("Effect", "Allow").containsEntry("Action", "dynamodb:UpdateItem")
          .containsEntry("Resource", Map.of("Fn::GetAtt", "StateTable.Arn"));
      assertThat(asMap(asMap(s.get("Condition")).get("ForAllValues:StringLike")))
          .containsEntry("dynamodb:LeadingKeys", List.of("gated#*"));
    });
  }

  // ------------------------------------------------------------------ helpers

  private record Result(int exitCode, String output) {}

  private static Result cfnLint(Path template) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("cfn-lint", template.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("cfn-lint is not installed (pip install cfn-lint): " + e.getMessage());
      throw e;
    }
    process.getOutputStream().close();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("cfn-lint did not finish within 5 minutes: " + output);
    }
    return new Result(process.exitValue(), output.strip());
  }

  private static List<Map<String, Object>> roleStatements() {
    Map<String, Object> role = TEMPLATE.propertiesOf("AWS::IAM::Role").get("FunctionRole");
    List<Map<String, Object>> result = new ArrayList<>();
    for (Object policy : asList(role.get("Policies"))) {
      collectStatements(asMap(asMap(policy).get("PolicyDocument")), result);
    }
    return result;
  }

  /** Every IAM statement anywhere in the template, including policy documents held as JSON strings. */
  private static List<Map<String, Object>> statements() {
    List<Map<String, Object>> result = new ArrayList<>();
    walk(TEMPLATE.resources(), result);
    return result;
  }

  private static void walk(Object node, List<Map<String, Object>> out) {
    if (node instanceof Map<?, ?> map) {
      if (map.containsKey("Statement")) {
        collectStatements(asMap(map), out);
        return;
      }
      Object policy = map.get("PolicyDocument");
      if (policy instanceof Map<?, ?> sub && sub.get("Fn::Sub") instanceof String json) {
        collectStatements(asMap(CorpusEvents.JSON.convertValue(parse(json), Map.class)), out);
        return;
      }
      map.values().forEach(v -> walk(v, out));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> walk(v, out));
    }
  }

  private static void collectStatements(Map<String, Object> document, List<Map<String, Object>> out) {
    for (Object statement : asList(document.get("Statement"))) {
      Map<String, Object> s = asMap(statement);
      if (s.containsKey("Fn::If")) {
        // [condition, statement if true, statement if false (usually AWS::NoValue)]
        for (Object branch : asList(s.get("Fn::If")).subList(1, 3)) {
          if (branch instanceof Map<?, ?> b && !Set.of("Ref").containsAll(b.keySet())) {
            out.add(asMap(b));
          }
        }
      } else {
        out.add(s);
      }
    }
  }

  private static JsonNode parse(String json) {
    return CorpusEvents.parse(json);
  }
}
