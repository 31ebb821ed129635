package io.ecsgate.sim;

import static io.ecsgate.sim.ConformanceWalk.CLUSTER;
import static io.ecsgate.sim.ConformanceWalk.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ecsgate.sim.ConformanceWalk.Read;
import io.ecsgate.sim.ConformanceWalk.Seen;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer of every scenario over a whole timeline, checked against the ECS and CloudWatch Logs
 * models of the installed botocore by {@code conformance/check_responses.py}: member names, types,
 * enum values, required members, lengths and ranges, modelled error codes; and every answer must
 * parse with botocore's own parser, as the AWS CLI parses it. Skipped when {@code python3} cannot
 * import botocore.
 */
class BotocoreConformanceIT {
  /** Simulated time between two walks of the reads, and how long after the deploy they go on. */
  private static final Duration STEP = Duration.ofSeconds(5);
  private static final Duration TIMELINE = Duration.ofMinutes(10);
  /** One more walk when the tasks stopped during the timeline have expired (an hour later). */
  private static final Duration LATE = Duration.ofMinutes(65);

  /**
   * The operations the simulator serves. Answering UnknownOperationException is a failure for
   * these, a "not served" note for any other; an operation outside the list that does answer is
   * checked like the rest (and noted, so it gets added here).
   */
  private static final List<String> SERVED = List.of(
      "ecs:UpdateService", "ecs:DescribeServices", "ecs:ListTasks", "ecs:DescribeTasks", "ecs:DescribeTaskDefinition",
      "ecs:RegisterTaskDefinition", "ecs:ListClusters", "ecs:ListServices", "ecs:ListServiceDeployments",
      "ecs:DescribeServiceDeployments", "ecs:DescribeServiceRevisions", "ecs:StopServiceDeployment",
      "ecs:ContinueServiceDeployment", "logs:GetLogEvents");

  /**
   * Non-conformances found and not fixed yet, each {@code "OPERATION PATH-REGEX WHAT-REGEX"} as
   * check_responses.py's --known-deviation takes it. Empty it as they are fixed: an entry that no
   * longer matches anything fails the test.
   */
  private static final List<String> KNOWN_DEVIATIONS = List.of();

  /**
   * The reads the product makes, walked at every step in this order; each builds its requests from
   * what the earlier answers showed. Adding an operation is adding a line.
   */
  private static final List<Read> WALK = List.of(
      Read.ecs("DescribeServices", seen -> List.of(Map.of("cluster", CLUSTER, "services", List.of(SERVICE)))),
      Read.ecs("ListTasks", seen -> List.of(
          Map.of("cluster", CLUSTER, "serviceName", SERVICE, "desiredStatus", "RUNNING"),
          Map.of("cluster", CLUSTER, "serviceName", SERVICE, "desiredStatus", "STOPPED"))),
      Read.ecs("ListTasks", seen -> seen.deploymentIds.stream()
          .map(id -> Map.of("cluster", CLUSTER, "startedBy", id, "desiredStatus", "STOPPED")).toList()),
      Read.ecs("DescribeTasks", seen -> Seen.batches(seen.tasks, 100, arns -> Map.of("cluster", CLUSTER, "tasks", arns))),
      Read.ecs("DescribeTaskDefinition", seen -> seen.taskDefinitions.stream().map(arn -> Map.of("taskDefinition", arn)).toList()),
      Read.ecs("ListClusters", seen -> List.of(Map.of())),
      Read.ecs("ListServices", seen -> List.of(Map.of("cluster", CLUSTER))),
      Read.logs("GetLogEvents", Seen::logReads),
      Read.ecs("ListServiceDeployments", seen -> List.of(
          Map.of("cluster", CLUSTER, "service", SERVICE),
          Map.of("cluster", CLUSTER, "service", SERVICE, "status", List.of("IN_PROGRESS")))),
      Read.ecs("DescribeServiceDeployments", seen -> List.of(
          Map.of("serviceDeploymentArns", seen.orPlaceholder(seen.serviceDeployments, "service-deployment")))),
      Read.ecs("DescribeServiceRevisions", seen -> List.of(
          Map.of("serviceRevisionArns", seen.orPlaceholder(seen.serviceRevisions, "service-revision")))));

  /** Calls made once per scenario, before the deploy, for the errors the model lists for them. */
  private static final List<Read> PROBES = List.of(
      Read.ecs("UpdateService", seen -> List.of(Map.of("cluster", CLUSTER, "service", "no-such-service", "forceNewDeployment", true))),
      Read.ecs("UpdateService", seen -> List.of(Map.of("cluster", "no-such-cluster", "service", SERVICE, "forceNewDeployment", true))),
      Read.ecs("DescribeServices", seen -> List.of(
          Map.of("cluster", "no-such-cluster", "services", List.of(SERVICE)),
          Map.of("cluster", CLUSTER, "services", List.of(SERVICE, "no-such-service")),
          Map.of("cluster", CLUSTER, "services", names("s", 11)),
          Map.of("cluster", CLUSTER, "services", List.of()))),
      Read.ecs("DescribeTasks", seen -> List.of(
          Map.of("cluster", CLUSTER, "tasks", names("0123456789abcdef0123456789abcd", 101)),
          Map.of("cluster", "no-such-cluster", "tasks", List.of("0123456789abcdef0123456789abcdef")),
          Map.of("cluster", CLUSTER, "tasks", List.of("0123456789abcdef0123456789abcdef")))),
      Read.ecs("ListTasks", seen -> List.of(
          Map.of("cluster", CLUSTER, "serviceName", "no-such-service"),
          Map.of("cluster", "no-such-cluster"),
          Map.of("cluster", CLUSTER, "maxResults", 101),
          Map.of("cluster", CLUSTER, "desiredStatus", "SLEEPING"),
          Map.of("cluster", CLUSTER, "nextToken", "not-a-token"),
          Map.of("cluster", CLUSTER, "maxResults", 1))),
      Read.ecs("ListServices", seen -> List.of(Map.of("cluster", "no-such-cluster"), Map.of("cluster", CLUSTER, "maxResults", 1))),
      Read.ecs("ListClusters", seen -> List.of(Map.of("maxResults", 0))),
      Read.ecs("DescribeTaskDefinition", seen -> List.of(Map.of("taskDefinition", "no-such-family:1"), Map.of("taskDefinition", SERVICE))),
      Read.ecs("RegisterTaskDefinition", seen -> List.of(
          Map.of("family", SERVICE, "containerDefinitions", List.of(Map.of("name", "app", "image", "app:9.9.9", "essential", true,
              "logConfiguration", Map.of("logDriver", "awslogs", "options", Map.of("awslogs-group", "/ecs/" + SERVICE,
                  "awslogs-region", "us-east-1", "awslogs-stream-prefix", "ecs"))))),
          Map.of("family", "bad family!", "containerDefinitions", List.of(Map.of("name", "app", "image", "app:1"))))),
      Read.logs("GetLogEvents", seen -> List.of(
          Map.of("logGroupName", "/ecs/no-such-group", "logStreamName", "ecs/app/0"),
          Map.of("logGroupName", "/ecs/" + SERVICE, "logStreamName", "ecs/app/no-such-task"),
          Map.of("logGroupName", "/ecs/" + SERVICE, "logStreamName", "ecs/app/0", "limit", 0))),
      Read.ecs("ListServiceDeployments", seen -> List.of(Map.of("cluster", CLUSTER, "service", "no-such-service"))),
      Read.ecs("StopServiceDeployment", seen -> List.of(Map.of("serviceDeploymentArn", seen.placeholder("service-deployment")))),
      Read.ecs("ContinueServiceDeployment", seen -> List.of(Map.of("serviceDeploymentArn", seen.placeholder("service-deployment"),
          "hookId", "hook-0", "action", "CONTINUE"))));

  /** Injected faults, each answered once by an ECS and a Logs read. */
  private static final List<Consumer<Faults>> FAULTS = List.of(
      faults -> faults.throttleEvery(1),
      faults -> faults.serverErrorEvery(1),
      faults -> faults.unavailableEvery(1),
      faults -> faults.denyAccess());

  private static boolean botocore;
  private static Path checker;

  @BeforeAll
  static void findBotocore() throws URISyntaxException {
    botocore = botocoreImportable();
    checker = Path.of(BotocoreConformanceIT.class.getResource("/conformance/check_responses.py").toURI());
  }

  /** Per test rather than per class, so the report counts the tests as skipped, with this note. */
  @BeforeEach
  void needsBotocore() {
    assumeTrue(botocore,
        "python3 cannot import botocore (python3 -c 'import botocore'), so there is no ECS model to check against: "
            + "the conformance check is skipped. Install the AWS CLI v1 or 'pip install botocore' to run it.");
  }

  @Test
  void everyAnswerOfEveryScenarioMatchesBotocoresModels(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path temp) throws Exception {
    Path exchanges = temp.resolve("exchanges.jsonl");
    int calls = 0;
    try (BufferedWriter out = Files.newBufferedWriter(exchanges, StandardCharsets.UTF_8)) {
      for (String scenario : Scenarios.names()) {
        calls += walk(scenario, out);
      }
    }

    Checked checked = check(exchanges, KNOWN_DEVIATIONS);
    System.out.print(checked.output()); // the notes (operations not served yet) and the summary, in the build log

    assertThat(calls).as("calls made").isGreaterThan(Scenarios.names().size() * 120 * 5);
    assertThat(checked.exit()).as("check_responses.py %s (kept):%n%s", exchanges, checked.output()).isZero();
    assertThat(checked.output()).contains("checked " + calls + " exchanges");
  }

  /** Baseline, probes, the deploy, then every read every {@link #STEP} to the end of the timeline. */
  private static int walk(String scenario, BufferedWriter out) {
    try (ConformanceWalk walk = new ConformanceWalk(scenario, out)) {
      walk.at("t=0s, before the deploy").run(WALK);
      walk.at("t=0s, probes").run(PROBES);
      for (Consumer<Faults> fault : FAULTS) {
        fault.accept(walk.faults());
        walk.call("ecs", "DescribeServices", Map.of("cluster", CLUSTER, "services", List.of(SERVICE)));
        walk.call("logs", "GetLogEvents", Map.of("logGroupName", "/ecs/" + SERVICE, "logStreamName", "ecs/app/0"));
        walk.faults().clear();
      }
      walk.unsigned("ecs", "ListTasks", Map.of("cluster", CLUSTER));

      walk.at("t=0s").call("ecs", "UpdateService",
          Map.of("cluster", CLUSTER, "service", SERVICE, "taskDefinition", walk.seen().loaded.nextTaskDefinitionArn()));
      for (Duration t = STEP; t.compareTo(TIMELINE) <= 0; t = t.plus(STEP)) {
        walk.advance(STEP).at("t=" + t.toSeconds() + "s").run(WALK);
      }
      walk.advance(LATE.minus(TIMELINE)).at("t=" + LATE.toSeconds() + "s").run(WALK);
      return walk.calls();
    }
  }

  @Test
  void theCheckerNamesEachKindOfProblem() throws Exception {
    Path bad = resource("/conformance/bad-exchanges.jsonl");
    List<String> expected = Files.readAllLines(resource("/conformance/bad-exchanges.expected"), StandardCharsets.UTF_8)
        .stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

    Checked checked = check(bad, List.of("DescribeTaskDefinition ^taskDefinition\\.registeredAt$ epoch seconds",
        "ListClusters ^clusterArns$ never"));

    assertThat(checked.exit()).as(checked.output()).isEqualTo(1);
    List<String> printed = checked.output().lines().toList();
    assertThat(expected).as("lines the checker printed:%n%s", checked.output())
        .allSatisfy(line -> assertThat(printed).anySatisfy(p -> assertThat(p).contains(line)));
  }

  private record Checked(int exit, String output) {}

  private static Checked check(Path exchanges, List<String> knownDeviations) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", checker.toString(), exchanges.toString(),
        "--served", String.join(",", SERVED)));
    knownDeviations.forEach(deviation -> command.addAll(List.of("--known-deviation", deviation)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("check_responses.py did not finish in 120 s:\n" + output);
    }
    return new Checked(process.exitValue(), output);
  }

  private static boolean botocoreImportable() {
    try {
      Process process = new ProcessBuilder("python3", "-c", "import botocore").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(BotocoreConformanceIT.class.getResource(name).toURI());
  }

  /** {@code count} distinct names: prefix0, prefix1, ... */
  private static List<String> names(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }
}
