package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.diagnosis.SimulatedAws;
import io.ecsgate.sim.Scenarios;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code ecs-gate diagnose} end to end through {@link Main#run}, against the simulator over HTTP. */
class DiagnoseCommandIT {
  private static final String CLUSTER = "shop";
  private static SimulatedAws aws;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void start() {
    aws = SimulatedAws.start();
    aws.sim.load(Scenarios.named("healthy"), CLUSTER, "api");
    aws.sim.load(Scenarios.named("crash-loop"), CLUSTER, "web");
    aws.sim.load(Scenarios.named("missing-service"), CLUSTER, "gone");
    aws.sim.load(Scenarios.named("inactive-service"), CLUSTER, "old");
    aws.sim.load(Scenarios.named("placement-failure"), CLUSTER, "batch");
    aws.deploy(CLUSTER, "batch");
    aws.awaitStoppedTasks(CLUSTER, "web", aws.deploy(CLUSTER, "web"), 2);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  @AfterEach
  void clearFaults() {
    aws.sim.faults().clear();
  }

  private int diagnose(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("diagnose", "--endpoint-url", aws.sim.endpoint().toString(),
        "--region", "us-east-1", "--cluster", CLUSTER));
    all.addAll(List.of(args));
    return Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
  }

  @Test
  void aCrashLoopingServiceFailsWithItsCategoryExitCodeAndLogs() {
    int code = diagnose("--service", "web");

    assertThat(code).isEqualTo(1);
    assertThat(out.toString())
        .contains("FAILED     shop/web: ", "stopped tasks failed: APP_EXIT (exit 1)")
        .containsPattern("categories: APP_EXIT \\d+")
        .containsPattern("\\d+x APP_EXIT exit 1 \\(app\\): ")
        .contains("Could not resolve placeholder 'PAYMENT_API_URL'")
        .contains("service: https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/shop/services/web/events?region=us-east-1")
        .contains("result: FAILED (exit 1): 1 failed");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aHealthyServiceIsStable() {
    int code = diagnose("--service", "arn:aws:ecs:us-east-1:123456789012:service/shop/api");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("STABLE     shop/api: steady: 2/2 running on api:1", "result: STABLE (exit 0)");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aServiceThatCannotPlaceItsTasksFailsOnItsEvents() {
    SimulatedAws.await("a placement failure event", Duration.ofSeconds(30), () ->
        aws.clients.ecs().describeServices(r -> r.cluster(CLUSTER).services("batch")).services().get(0).events().stream()
            .anyMatch(e -> e.message().contains("was unable to place a task")));

    int code = diagnose("--service", "batch");

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("FAILED     shop/batch: the newest service event says PLACEMENT: (service batch) was unable"
        + " to place a task", "no stopped tasks");
  }

  @Test
  void aMissingServiceCannotBeDiagnosedInOneLine() {
    int code = diagnose("--service", "gone", "--service", "api");

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("ecs-gate: failed to diagnose gone: service not found (MISSING)\n");
    assertThat(out.toString()).contains("NOT_GATED  shop/gone: service not found (MISSING)", "STABLE     shop/api",
        "result: NOT_GATED (exit 3): 1 not gated, 1 stable");
  }

  @Test
  void anInactiveServiceCannotBeDiagnosed() {
    assertThat(diagnose("--service", "old")).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("ecs-gate: failed to diagnose old: service is INACTIVE\n");
  }

  @Test
  void anUnknownClusterIsOneLineAndExit3() {
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "diagnose", "--endpoint-url",
        aws.sim.endpoint().toString(), "--region", "us-east-1", "--cluster", "nope", "--service", "web");

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).isEqualTo("ecs-gate: failed to diagnose web: cluster nope not found\n");
  }

  @Test
  void accessDeniedIsOneLineWithoutAStackTrace() {
    aws.sim.faults().denyAccess("DescribeServices");

    int code = diagnose("--service", "web");

    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).startsWith("ecs-gate: failed to diagnose web: access denied: User: ")
        .contains("is not authorized to perform: ecs:DescribeServices")
        .doesNotContain("\tat ", "Exception")
        .hasLineCount(1);
  }

  @Test
  void jsonJunitAndDotenvDescribeTheSameRun() throws Exception {
    Path junit = dir.resolve("reports/ecs-gate.xml");
    Path dotenv = dir.resolve("reports/ecs-gate.env");

    int code = diagnose("--service", "web", "--service", "api", "--output", "json",
        "--junit", junit.toString(), "--dotenv", dotenv.toString());

    assertThat(code).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("command").asText()).isEqualTo("diagnose");
    assertThat(json.get("exitCode").asInt()).isEqualTo(1);
    assertThat(json.get("services")).hasSize(2);
    JsonNode web = json.get("services").get(0);
    assertThat(web.get("outcome").asText()).isEqualTo("FAILED");
    assertThat(web.get("diagnosis").get("byCategory").get("APP_EXIT").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(web.get("diagnosis").get("tasks").get(0).get("logTail")).isNotEmpty();
    assertThat(json.get("services").get(1).get("diagnosis").isNull()).isTrue();

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
    assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(2);
    assertThat(xml.getElementsByTagName("failure").item(0).getAttributes().getNamedItem("type").getNodeValue())
        .isEqualTo("APP_EXIT");

    assertThat(Files.readAllLines(dotenv)).contains("ECS_GATE_RESULT=failed", "ECS_GATE_EXIT_CODE=1",
        "ECS_GATE_CATEGORY=APP_EXIT", "ECS_GATE_SERVICES=web,api", "ECS_GATE_FAILED_SERVICES=web");
  }

  @Test
  void aReportFileThatCannotBeWrittenIsAWarningAndTheVerdictStands() throws Exception {
    Path blocker = Files.writeString(dir.resolve("file"), "x");

    int code = diagnose("--service", "api", "--dotenv", blocker.resolve("ecs-gate.env").toString());

    assertThat(code).isZero();
    assertThat(err.toString()).startsWith("ecs-gate: warning: failed to write ").hasLineCount(1);
    assertThat(out.toString()).contains("STABLE");
  }
}
