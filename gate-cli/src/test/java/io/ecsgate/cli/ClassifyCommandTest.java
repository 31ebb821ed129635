package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.report.ExitCode;
import io.ecsgate.classifier.Hostile;
import io.ecsgate.classifier.input.EnvelopeSamples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import picocli.CommandLine;

class ClassifyCommandTest {
  private static final String PULL_FAILURE = """
      {"id":"e-1","detail-type":"ECS Task State Change","region":"ap-northeast-1","detail":{
      "clusterArn":"arn:aws:ecs:ap-northeast-1:123456789012:cluster/prod","group":"service:web",
      "taskArn":"arn:aws:ecs:ap-northeast-1:123456789012:task/prod/0123456789abcdef",
      "lastStatus":"STOPPED","desiredStatus":"STOPPED","stopCode":"TaskFailedToStart",
      "stoppedReason":"CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref docker.io/library/hogehoge:latest: pull access denied",
      "containers":[{"name":"log_router","exitCode":0},{"name":"web"}]}}""".replace("\n", "");
  private static final String DRAINED = """
      {"id":"e-2","detail-type":"ECS Task State Change","detail":{
      "clusterArn":"arn:aws:ecs:ap-northeast-1:123456789012:cluster/prod","group":"service:web",
      "lastStatus":"STOPPED","stopCode":"ServiceSchedulerInitiated",
      "stoppedReason":"Service web: container instance is in DRAINING state",
      "containers":[{"name":"web","exitCode":143}]}}""".replace("\n", "");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  private Path file(String name, String... lines) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  @Test
  void textOutputShowsEachVerdictAndASummaryByCategory() throws Exception {
    Path in = file("events.jsonl", PULL_FAILURE, DRAINED);

    int code = run("classify", in.toString());

    assertThat(code).isEqualTo(ExitCode.OK.code());
    assertThat(out.toString())
        .contains("ALERT  IMAGE_PULL", "prod/web task 01234567", "Container web could not pull its image")
        .contains("ok     DRAINING")
        .contains("2 classified: 1 alert, 1 without alert")
        .containsPattern("IMAGE_PULL\\s+1\\s+1")
        .containsPattern("DRAINING\\s+1\\s+0");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void jsonOutputIsOneObjectPerLineWithTheDocumentedFields() throws Exception {
    Path in = file("events.jsonl", PULL_FAILURE, DRAINED);

    int code = run("classify", "--output", "json", in.toString());

    assertThat(code).isZero();
    List<JsonNode> lines = jsonLines(out.toString());
    assertThat(lines).hasSize(2);
    JsonNode first = lines.get(0);
    assertThat(fieldNames(first)).containsExactly("source", "kind", "eventId", "time", "region", "cluster",
        "service", "group", "taskArn", "taskDefinition", "eventName", "alert", "category", "rule", "summary",
        "hint", "evidence");
    assertThat(fieldNames(first.get("evidence"))).containsExactly("container", "exitCode", "containerReason",
        "stopCode", "reason");
    assertThat(first.get("source").asText()).endsWith("events.jsonl:1");
    assertThat(first.get("alert").asBoolean()).isTrue();
    assertThat(first.get("category").asText()).isEqualTo("IMAGE_PULL");
    assertThat(first.get("evidence").get("container").asText()).isEqualTo("web");
    assertThat(first.get("evidence").get("exitCode").isNull()).isTrue();
    assertThat(lines.get(1).get("category").asText()).isEqualTo("DRAINING");
    assertThat(out.toString()).endsWith("\n").doesNotContain("classified:");
  }

  @Test
  void anSnsWrappedEventGetsExactlyTheVerdictOfTheBareOne() throws Exception {
    Path in = file("events.jsonl", PULL_FAILURE, EnvelopeSamples.sns(PULL_FAILURE).toString());

    int code = run("classify", "-o", "json", in.toString());

    assertThat(code).isZero();
    List<JsonNode> lines = jsonLines(out.toString());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1).get("source").asText()).isEqualTo(in + ":2 Records[0].Sns.Message");
    ((ObjectNode) lines.get(0)).remove("source");
    ((ObjectNode) lines.get(1)).remove("source");
    assertThat(lines.get(1)).isEqualTo(lines.get(0));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void anEnvelopeOfSeveralRecordsGivesTheirVerdictsInOrderAndSaysWhatItSkipped() throws Exception {
    String sqs = EnvelopeSamples.sqs(DRAINED, EnvelopeSamples.notification(PULL_FAILURE).toString(), "{\"hello\": 1}")
        .toString();
    Path in = file("batch.json", sqs, EnvelopeSamples.awsLogs(PULL_FAILURE, DRAINED).toString());

    int code = run("classify", "-o", "json", in.toString());

    assertThat(code).isZero();
    assertThat(jsonLines(out.toString())).extracting(v -> v.get("source").asText() + " " + v.get("category").asText())
        .containsExactly(in + ":1 Records[0].body DRAINING", in + ":1 Records[1].body.Message IMAGE_PULL",
            in + ":2 awslogs.data.logEvents[0].message IMAGE_PULL", in + ":2 awslogs.data.logEvents[1].message DRAINING");
    assertThat(err.toString()).isEqualTo("ecs-gate: 1 item skipped (not a stop or not ECS), the first at " + in
        + ":1 Records[2].body: not an ECS event, task or describe-tasks/describe-services output\n");
  }

  @Test
  void aBareNonEcsItemIsSaidOnStderrInJsonModeAsAnEnvelopedOneIs() throws Exception {
    Path in = file("events.jsonl", "{\"hello\": 1}", PULL_FAILURE);

    run("classify", "-o", "json", in.toString());

    assertThat(jsonLines(out.toString())).hasSize(1);
    assertThat(err.toString()).isEqualTo("ecs-gate: 1 item skipped (not a stop or not ECS), the first at " + in
        + ":1: not an ECS event, task or describe-tasks/describe-services output\n");
  }

  @Test
  void aBadEventOrPayloadInsideAnEnvelopeIsOneErrorLineNamingFileLineAndRecord() throws Exception {
    ObjectNode badBase64 = new ObjectMapper().createObjectNode();
    badBase64.putObject("awslogs").put("data", "%%%");
    Path in = file("batch.json", EnvelopeSamples.sns(PULL_FAILURE, DRAINED.replace("143", "\"143\"")).toString(),
        badBase64.toString(), EnvelopeSamples.awsLogsOf(EnvelopeSamples.gzipBomb(64L << 20)).toString(), DRAINED);

    int code = run("classify", in.toString());

    assertThat(code).isEqualTo(ExitCode.DATA_ERROR.code());
    assertThat(err.toString().lines()).containsExactly(
        "ecs-gate: " + in + ":1 Records[1].Sns.Message: detail.containers[0].exitCode: expected a whole number, got text \"143\"",
        "ecs-gate: " + in + ":2 awslogs.data: not base64: Illegal base64 character 25",
        "ecs-gate: " + in + ":3 awslogs.data: decompresses to more than 4 MiB, the most one item may take; skipped");
    assertThat(out.toString()).contains("2 classified").contains("3 malformed");
  }

  @Test
  void readsStdinWhenNoFileOrDashIsGiven() {
    java.io.InputStream stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream((PULL_FAILURE + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      int code = run("classify", "-o", "json", "-");

      assertThat(code).isZero();
      assertThat(out.toString()).contains("\"source\":\"<stdin>:1\"").contains("IMAGE_PULL");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void onlyAlertsHidesTheRestButTheSummaryStillCountsThem() throws Exception {
    Path in = file("events.jsonl", PULL_FAILURE, DRAINED);

    run("classify", "--only-alerts", in.toString());

    assertThat(out.toString()).contains("IMAGE_PULL").doesNotContain("ok     DRAINING").contains("2 classified");
  }

  @Test
  void rulesFileDecidesAndIsNamedInTheVerdict() throws Exception {
    Path rules = file("rules.yaml", "exclusions:", "  - name: pulls-on-prod-are-known", "    cluster: prod",
        "    category: IMAGE_PULL");
    Path in = file("events.jsonl", PULL_FAILURE);

    run("classify", "-o", "json", "--rules", rules.toString(), in.toString());

    JsonNode v = jsonLines(out.toString()).get(0);
    assertThat(v.get("alert").asBoolean()).isFalse();
    assertThat(v.get("rule").asText()).isEqualTo("pulls-on-prod-are-known");
  }

  @Test
  void malformedLinesAreReportedOnOneLineEachAndTheRestIsClassified() throws Exception {
    Path in = file("events.jsonl", PULL_FAILURE, "{not json", DRAINED.replace("143", "\"143\""), DRAINED);

    int code = run("classify", in.toString());

    assertThat(code).isEqualTo(ExitCode.DATA_ERROR.code());
    assertThat(err.toString().lines()).containsExactly(
        "ecs-gate: " + in + ":2: malformed JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start field name",
        "ecs-gate: " + in + ":3: detail.containers[0].exitCode: expected a whole number, got text \"143\"");
    assertThat(out.toString()).contains("2 classified").contains("2 malformed");
  }

  @Test
  void aNumberNoClockCanHoldIsOneErrorLineExit65AndTheNextLineIsClassified() throws Exception {
    String bad = DRAINED.replace("\"lastStatus\"", "\"stoppedAt\":1e20,\"lastStatus\"");
    Path in = file("events.jsonl", PULL_FAILURE, bad, DRAINED);

    int code = run("classify", in.toString());

    assertThat(code).isEqualTo(ExitCode.DATA_ERROR.code());
    assertThat(err.toString()).isEqualTo("ecs-gate: " + in + ":2: detail.stoppedAt: expected a timestamp from 1970 to"
        + " 9999, got number 1.0E20\n");
    assertThat(out.toString()).contains("2 classified").contains("1 malformed");
  }

  @Test
  void aRulesFileWithoutRulesIsAWarningNotAnError() throws Exception {
    Path rules = file("rules.yaml", "# TODO: add our exclusions");
    Path in = file("events.jsonl", DRAINED);

    int code = run("classify", "--rules", rules.toString(), in.toString());

    assertThat(code).isEqualTo(ExitCode.OK.code());
    assertThat(err.toString()).isEqualTo("ecs-gate: warning: " + rules + " holds no rules: only the default policy"
        + " applies\n");
    assertThat(out.toString()).contains("1 classified");
  }

  @Test
  void aDuplicateKeyInARuleIsARulesError() throws Exception {
    Path rules = file("rules.yaml", "exclusions:", "  - name: dev-only", "    cluster: dev", "    cluster: \"*\"");
    Path in = file("events.jsonl", DRAINED);

    int code = run("classify", "--rules", rules.toString(), in.toString());

    assertThat(code).isEqualTo(ExitCode.CONFIG.code());
    assertThat(err.toString()).isEqualTo("ecs-gate: failed to load rules: " + rules + ":4: exclusions[0]: duplicate"
        + " key 'cluster' (first on line 3)\n");
  }

  @Test
  void missingFileIsItsOwnExitCodeAndOtherFilesAreStillRead() throws Exception {
    Path in = file("events.jsonl", PULL_FAILURE);

    int code = run("classify", dir.resolve("nope.json").toString(), in.toString());

    assertThat(code).isEqualTo(ExitCode.NO_INPUT.code());
    assertThat(err.toString()).contains("failed to read " + dir.resolve("nope.json") + ": no such file");
    assertThat(out.toString()).contains("1 classified");
  }

  @Test
  void badRulesFileIsAConfigErrorWithFileAndLine() throws Exception {
    Path rules = file("rules.yaml", "exclusions:", "  - name: x", "    exitCode: lots");

    int code = run("classify", "--rules", rules.toString(), file("e.json", PULL_FAILURE).toString());

    assertThat(code).isEqualTo(ExitCode.CONFIG.code());
    assertThat(err.toString().strip()).isEqualTo("ecs-gate: failed to load rules: " + rules
        + ":3: exclusions[0].exitCode: expected an exit code (a whole number), found 'lots'");
    assertThat(err.toString()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void usageErrorsAreOneLineEndingWithWhereHelpIs() {
    int code = run("classify", "--output", "yaml");

    assertThat(code).isEqualTo(ExitCode.USAGE.code());
    assertThat(err.toString().lines().toList()).hasSize(1);
    assertThat(err.toString()).contains("invalid value for option '--output'").contains("ecs-gate classify --help");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.ecsgate.classifier.Hostile#SAMPLES")
  void hostileTextInAnEventIsPrintedNeutralised(Hostile.Sample sample) throws Exception {
    ObjectNode event = (ObjectNode) new ObjectMapper().readTree(PULL_FAILURE);
    ObjectNode detail = (ObjectNode) event.get("detail");
    detail.put("stoppedReason", "CannotPullContainerError: " + sample.text()).put("group", "service:" + sample.text());
    ((ObjectNode) detail.get("containers").get(1)).put("reason", sample.text());
    Path in = file("events.jsonl", event.toString());

    int code = run("classify", in.toString());

    assertThat(code).isZero();
    assertThat(out.toString().lines()).hasSize(8).allSatisfy(Hostile::assertNeutral);
    assertThat(out.toString()).contains(sample.visible());
  }

  @Test
  void anErrorLineNamingAHostileFileIsNeutralToo() {
    String name = "rules\u001b]8;;https://evil.example/\u0007\u202e.yaml\u001b[2J";

    int code = run("classify", "--rules", dir.resolve(name).toString(), "-");

    assertThat(code).isEqualTo(ExitCode.CONFIG.code());
    assertThat(err.toString().lines()).hasSize(1).allSatisfy(Hostile::assertNeutral);
    assertThat(err.toString()).startsWith("ecs-gate: failed to load rules: ").contains("rules.yaml");
  }

  @Test
  void helpListsTheExitCodes() {
    int code = run("--help");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Exit codes:").contains("65").contains("78");
  }

  @Test
  void parsesFlagsWithoutRunning() {
    ClassifyCommand cmd = CommandLine.populateCommand(new ClassifyCommand(), "-o", "json", "--only-alerts", "a", "b");

    assertThat(cmd).extracting("output").isEqualTo(ClassifyCommand.Output.json);
    assertThat(cmd).extracting("files").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .containsExactly("a", "b");
  }

  private static List<JsonNode> jsonLines(String text) throws Exception {
    ObjectMapper m = new ObjectMapper();
    List<JsonNode> result = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        result.add(m.readTree(line));
      }
    }
    return result;
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
