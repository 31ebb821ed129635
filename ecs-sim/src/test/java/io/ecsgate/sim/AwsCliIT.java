package io.ecsgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's AWS CLI (v1, botocore) as an independent client: what the simulator serves must
 * parse, and {@code aws ecs wait services-stable} must judge the scenarios as it judges real ECS.
 *
 * <p>The waiter polls every 15 s, 40 times. The simulator runs 100 times faster than real time, and
 * {@code AWS_DATA_PATH} points the CLI at botocore's own waiter definition with the delay scaled
 * the same way (0.15 s), so the waiter still waits 15 simulated seconds between its 40 polls.
 */
class AwsCliIT {
  private static final double TIME_SCALE = 0.01;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path aws;
  private static Path dataPath;
  private static Path outputs;
  private static EcsSimulator sim;

  @BeforeAll
  static void start(@TempDir Path temp) throws IOException, InterruptedException {
    aws = onPath("aws");
    assumeTrue(aws != null, "aws (the AWS CLI) is not on PATH");
    dataPath = temp.resolve("aws-data");
    outputs = Files.createDirectories(temp.resolve("outputs"));
    ObjectNode waiters = (ObjectNode) JSON.readTree(botocoreEcsWaiters());
    ObjectNode servicesStable = (ObjectNode) waiters.path("waiters").path("ServicesStable");
    assertThat(servicesStable.path("delay").asInt()).isEqualTo(15);
    assertThat(servicesStable.path("maxAttempts").asInt()).isEqualTo(40);
    servicesStable.put("delay", 15 * TIME_SCALE);
    Path waiterFile = Files.createDirectories(dataPath.resolve("ecs").resolve("2014-11-13")).resolve("waiters-2.json");
    JSON.writeValue(waiterFile.toFile(), waiters);
    sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(TIME_SCALE));
  }

  @AfterAll
  static void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private static Path onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * botocore's ECS waiters, from the botocore the CLI runs on when a Python interpreter (the CLI
   * script's own, or python3) can import it, else the copy in test resources.
   */
  private static byte[] botocoreEcsWaiters() throws IOException, InterruptedException {
    List<String> interpreters = new ArrayList<>();
    String firstLine = Files.readAllLines(aws, StandardCharsets.ISO_8859_1).stream().findFirst().orElse("");
    if (firstLine.startsWith("#!") && firstLine.contains("python")) {
      interpreters.add(firstLine.substring(2).trim().split(" ")[0]);
    }
    interpreters.add("python3");
    for (String python : interpreters) {
      Result found = run(List.of(python, "-c",
          "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data', 'ecs', '2014-11-13', 'waiters-2.json'))"),
          Map.of());
      Path file = found.exit() == 0 ? Path.of(found.out().trim()) : null;
      if (file != null && Files.isRegularFile(file)) {
        return Files.readAllBytes(file);
      }
    }
    try (InputStream copy = AwsCliIT.class.getResourceAsStream("/awscli/ecs-waiters-2.json")) {
      return copy.readAllBytes();
    }
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder.environment().putAll(environment);
    File out = Files.createTempFile(outputs, "out", ".txt").toFile();
    File err = Files.createTempFile(outputs, "err", ".txt").toFile();
    builder.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Result(-1, "", e.toString());
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(process.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  private static Result aws(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(aws.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", sim.endpoint().toString(), "--region", "us-east-1", "--output", "json"));
    return run(command, Map.of(
        "AWS_ACCESS_KEY_ID", "test",
        "AWS_SECRET_ACCESS_KEY", "test",
        "AWS_DEFAULT_REGION", "us-east-1",
        "AWS_EC2_METADATA_DISABLED", "true",
        "AWS_CONFIG_FILE", "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
        "AWS_DATA_PATH", dataPath.toString()));
  }

  private static JsonNode awsJson(String... args) throws IOException, InterruptedException {
    Result result = aws(args);
    assertThat(result.exit()).as("aws %s: %s", String.join(" ", args), result.err()).isZero();
    return JSON.readTree(result.out());
  }

  private static JsonNode describe(String cluster, String service) throws IOException, InterruptedException {
    return awsJson("ecs", "describe-services", "--cluster", cluster, "--services", service).path("services").get(0);
  }

  private static String deploy(String cluster, String service) throws IOException, InterruptedException {
    JsonNode updated = awsJson("ecs", "update-service", "--cluster", cluster, "--service", service,
        "--task-definition", service + ":2");
    return updated.path("service").path("deployments").get(0).path("id").asText();
  }

  @Test
  void theCliParsesWhatTheSimulatorServes() throws Exception {
    sim.load(Scenarios.named("crash-loop"), "cli", "web");
    String deployment = deploy("cli", "web");
    assertThat(deployment).matches("ecs-svc/\\d{19}");

    JsonNode service = describe("cli", "web");
    assertThat(service.path("deployments")).hasSize(2);
    JsonNode createdAt = service.path("deployments").get(0).path("createdAt");
    assertThat(createdAt.isNumber()).as("the v1 CLI prints timestamps as they came: epoch seconds").isTrue();
    assertThat(createdAt.asDouble()).isBetween(sim.now().getEpochSecond() - 600.0, sim.now().getEpochSecond() + 1.0);

    JsonNode definition = awsJson("ecs", "describe-task-definition", "--task-definition", "web:2").path("taskDefinition");
    assertThat(definition.path("containerDefinitions").get(0).path("logConfiguration").path("options")
        .path("awslogs-group").asText()).isEqualTo("/ecs/web");

    Instant deadline = Instant.now().plusSeconds(20);
    List<String> stopped = new ArrayList<>();
    while (stopped.isEmpty() && Instant.now().isBefore(deadline)) {
      awsJson("ecs", "list-tasks", "--cluster", "cli", "--service-name", "web", "--desired-status", "STOPPED")
          .path("taskArns").forEach(arn -> stopped.add(arn.asText()));
    }
    assertThat(stopped).isNotEmpty();
    List<String> describeTasks = new ArrayList<>(List.of("ecs", "describe-tasks", "--cluster", "cli", "--tasks"));
    describeTasks.addAll(stopped);
    JsonNode task = awsJson(describeTasks.toArray(String[]::new)).path("tasks").get(0);
    assertThat(task.path("startedBy").asText()).isEqualTo(deployment);
    assertThat(task.path("stopCode").asText()).isEqualTo("EssentialContainerExited");

    String taskId = task.path("taskArn").asText().replaceAll(".*/", "");
    Instant logDeadline = Instant.now().plusSeconds(20);
    JsonNode events = JSON.createArrayNode();
    while (events.isEmpty() && Instant.now().isBefore(logDeadline)) {
      events = awsJson("logs", "get-log-events", "--log-group-name", "/ecs/web",
          "--log-stream-name", "ecs/app/" + taskId, "--start-from-head").path("events");
    }
    assertThat(events.toString()).contains("PAYMENT_API_URL");

    Result missingCluster = aws("ecs", "describe-services", "--cluster", "nope", "--services", "web");
    assertThat(missingCluster.exit()).isNotZero();
    assertThat(missingCluster.err()).contains(
        "An error occurred (ClusterNotFoundException) when calling the DescribeServices operation: Cluster not found.");
  }

  @Test
  void waitServicesStableSucceedsOnAHealthyRollout() throws Exception {
    sim.load(Scenarios.named("healthy"), "cli", "healthy");
    String deployment = deploy("cli", "healthy");

    Result waited = aws("ecs", "wait", "services-stable", "--cluster", "cli", "--services", "healthy");

    assertThat(waited.exit()).as(waited.err()).isZero();
    JsonNode service = describe("cli", "healthy");
    assertThat(service.path("deployments")).hasSize(1);
    assertThat(service.path("deployments").get(0).path("id").asText()).isEqualTo(deployment);
    assertThat(service.path("deployments").get(0).path("rolloutState").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void waitServicesStableAlsoSucceedsWhenTheCircuitBreakerRolledBack() throws Exception {
    sim.load(Scenarios.named("circuit-breaker-rollback"), "cli", "rollback");
    String deployment = deploy("cli", "rollback");

    Result waited = aws("ecs", "wait", "services-stable", "--cluster", "cli", "--services", "rollback");

    assertThat(waited.exit()).as("the known flaw: a rolled-back deploy looks stable. " + waited.err()).isZero();
    JsonNode service = describe("cli", "rollback");
    assertThat(service.path("deployments")).hasSize(1);
    assertThat(service.path("deployments").get(0).path("id").asText()).isNotEqualTo(deployment);
    assertThat(service.path("taskDefinition").asText()).endsWith("task-definition/rollback:1");
    assertThat(service.path("events").toString())
        .contains("(service rollback) (deployment " + deployment + ") deployment failed: tasks failed to start.");
  }

  @Test
  void waitServicesStableFailsOnAMissingService() throws Exception {
    sim.load(Scenarios.named("missing-service"), "cli", "gone");

    Result waited = aws("ecs", "wait", "services-stable", "--cluster", "cli", "--services", "gone");

    assertThat(waited.exit()).isNotZero();
    assertThat(waited.err()).contains("Waiter ServicesStable failed: Waiter encountered a terminal failure state");
  }

  @Test
  void waitServicesStableWaitsOutItsTenMinutesOnACrashLoop() throws Exception {
    sim.load(Scenarios.named("crash-loop"), "cli", "looping");
    deploy("cli", "looping");
    Instant simulatedStart = sim.now();

    Result waited = aws("ecs", "wait", "services-stable", "--cluster", "cli", "--services", "looping");

    assertThat(waited.exit()).isNotZero();
    assertThat(waited.err()).contains("Max attempts exceeded");
    assertThat(Duration.between(simulatedStart, sim.now())).as("39 pauses of 15 simulated seconds")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(39 * 15));
  }
}
