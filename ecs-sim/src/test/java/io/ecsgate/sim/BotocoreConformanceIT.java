package io.ecsgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers checked against the ECS and CloudWatch Logs models of the installed botocore by
 * {@code conformance/check_responses.py}. Skipped when {@code python3} cannot import botocore.
 */
class BotocoreConformanceIT {
  /**
   * The operations the simulator serves. Answering UnknownOperationException is a failure for
   * these, a "not served" note for any other; an operation outside the list that does answer is
   * checked like the rest (and noted, so it gets added here).
   */
  private static final List<String> SERVED = List.of(
      "ecs:UpdateService", "ecs:DescribeServices", "ecs:ListTasks", "ecs:DescribeTasks", "ecs:DescribeTaskDefinition",
      "ecs:RegisterTaskDefinition", "ecs:ListClusters", "ecs:ListServices", "logs:GetLogEvents");

  private static Path checker;

  @BeforeAll
  static void needsBotocore() throws URISyntaxException {
    assumeTrue(botocoreImportable(),
        "python3 cannot import botocore (python3 -c 'import botocore'), so there is no ECS model to check against: "
            + "the conformance check is skipped. Install the AWS CLI v1 or 'pip install botocore' to run it.");
    checker = Path.of(BotocoreConformanceIT.class.getResource("/conformance/check_responses.py").toURI());
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
}
