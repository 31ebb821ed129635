package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.diagnosis.AwsSettings;
import io.ecsgate.diagnosis.EcsClients;
import io.ecsgate.sim.EcsSimulator;
import io.ecsgate.sim.LoadedService;
import io.ecsgate.sim.Scenarios;
import io.ecsgate.sim.SimulatorOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Every simulator scenario through both verbs over HTTP, every third call throttled: deploy starts
 * the deployment itself; wait follows one started beside it (UpdateService by the SDK). A throttled
 * API is never a verdict, so each ends as it does without faults. A scenario added to the
 * simulator without an expected exit code here fails the test.
 */
class EveryScenarioThrottledIT {
  private static final double SCALE = 0.01;
  private static final Map<String, Integer> EXIT = Map.ofEntries(
      Map.entry("healthy", 0), Map.entry("slow", 0), Map.entry("crash-loop", 1), Map.entry("image-pull", 1),
      Map.entry("oom", 1), Map.entry("elb-health-check", 1), Map.entry("circuit-breaker-rollback", 1),
      Map.entry("transient-failure", 0), Map.entry("placement-failure", 1), Map.entry("classic-load-balancer", 0),
      Map.entry("breaker-threshold-1", 1), Map.entry("early-success", 0), Map.entry("code-deploy", 3),
      Map.entry("blue-green", 0), Map.entry("blue-green-alarm-rollback", 1), Map.entry("linear", 0),
      Map.entry("canary-crash", 1), Map.entry("pause-hook", 2), Map.entry("missing-service", 3),
      Map.entry("inactive-service", 3));

  static Stream<String> scenarios() {
    return Scenarios.names().stream();
  }

  @ParameterizedTest(name = "deploy {0}")
  @MethodSource("scenarios")
  void deploy(String scenario) {
    assertThat(EXIT).as("the expected exit code of scenario %s", scenario).containsKey(scenario);
    try (EcsSimulator sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(SCALE))) {
      sim.load(Scenarios.named(scenario), "demo", "web");
      sim.faults().throttleEvery(3);

      String[] run = gate(sim, "deploy", scenario);

      assertThat(Integer.parseInt(run[0])).as("%s%n%s", run[1], run[2]).isEqualTo(EXIT.get(scenario));
      assertThat(run[2]).doesNotContain("Exception:", "\tat ");
    }
  }

  @ParameterizedTest(name = "wait {0}")
  @MethodSource("scenarios")
  void waitFollowsADeploymentStartedBesideIt(String scenario) {
    try (EcsSimulator sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(SCALE))) {
      LoadedService loaded = sim.load(Scenarios.named(scenario), "demo", "web");
      boolean started = startBeside(sim, loaded);
      sim.faults().throttleEvery(3);

      String[] run = gate(sim, "wait", scenario);

      // A service that is missing, inactive or CodeDeploy's takes no UpdateService: wait cannot gate it.
      int expected = started ? EXIT.get(scenario) : 3;
      assertThat(Integer.parseInt(run[0])).as("%s%n%s", run[1], run[2]).isEqualTo(expected);
      assertThat(run[2]).doesNotContain("Exception:", "\tat ");
    }
  }

  private static boolean startBeside(EcsSimulator sim, LoadedService loaded) {
    try (EcsClients clients = EcsClients.from(new AwsSettings(sim.region(), null, sim.endpoint()))) {
      clients.ecs().updateService(b -> b.cluster("demo").service("web").taskDefinition(loaded.nextTaskDefinitionArn()));
      return true;
    } catch (SdkException e) {
      return false;
    }
  }

  /** Exit code, stdout, stderr. */
  private static String[] gate(EcsSimulator sim, String verb, String scenario) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of(verb, "--cluster", "demo", "--service", "web",
        "--endpoint-url", sim.endpoint().toString(), "--region", sim.region(), "--poll-interval", "50ms",
        "--placement-grace", "600ms", "--timeout", EXIT.get(scenario) == 2 ? "3s" : "9s"));
    if (verb.equals("deploy")) {
      args.addAll(List.of("--task-definition", "web"));
    }
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }
}
