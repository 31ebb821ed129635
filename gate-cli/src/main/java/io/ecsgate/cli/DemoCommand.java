package io.ecsgate.cli;

import io.ecsgate.diagnosis.AwsSettings;
import io.ecsgate.gate.DeployChange;
import io.ecsgate.gate.GateRequest;
import io.ecsgate.report.ExitCode;
import io.ecsgate.sim.EcsSimulator;
import io.ecsgate.sim.LoadedService;
import io.ecsgate.sim.Scenarios;
import io.ecsgate.sim.SimulatorOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code ecs-gate demo}: the real gate against the ECS simulator started in-process, so the first
 * command of the README needs no AWS account. Time in the scenario runs faster than real time.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run 'ecs-gate deploy' against a built-in ECS simulator playing a scenario"
        + " (default: crash-loop). No AWS account needed; nothing leaves this machine."})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ReportOptions report = new ReportOptions();

  @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "crash-loop",
      description = "Scenario to play: ${COMPLETION-CANDIDATES}.", completionCandidates = ScenarioNames.class)
  String scenario;

  /** Every scenario keeps its verdict up to 200 on this project's 2-core CI machine: half of that. */
  static final double MAX_SPEED = 100;

  @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "20",
      description = "How many times faster than real time the scenario plays (default 20, at most 100).")
  double speed;

  @Option(names = "--list", description = "List the scenarios and exit.")
  boolean list;

  @Option(names = "--rollback", description = "As deploy's --rollback: restore the previous revision when the gate fails.")
  boolean rollback;

  static final class ScenarioNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Scenarios.names().iterator();
    }
  }

  /** Deploys the scenario's next task definition revision, as a release would. */
  private static DeployChange nextRevision(LoadedService loaded) {
    return loaded.nextTaskDefinitionArn() == null
        ? DeployChange.FORCE_NEW_DEPLOYMENT
        : new DeployChange(Map.of(), loaded.nextTaskDefinitionArn());
  }

  @Override
  public Integer call() throws Exception {
    if (list) {
      Scenarios.names().forEach(n -> spec.commandLine().getOut().println(n + "  " + Scenarios.named(n).description()));
      return ExitCode.OK.code();
    }
    if (!Scenarios.names().contains(scenario)) {
      throw new CliFailure(ExitCode.USAGE.code(), "unknown scenario '" + scenario + "' (known: " + String.join(", ", Scenarios.names()) + ")");
    }
    if (!(speed > 0 && speed <= MAX_SPEED)) {
      throw new CliFailure(ExitCode.USAGE.code(), "--speed must be above 0 and at most " + (int) MAX_SPEED
          + ", not " + (speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed))
          + ": faster, a poll (at least 50 ms) and the real time each AWS call takes span whole simulated"
          + " minutes, and the scenario's verdict would change");
    }
    try (EcsSimulator sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(1 / speed))) {
      LoadedService loaded = sim.load(Scenarios.named(scenario), "demo", "web");
      spec.commandLine().getErr().printf("ecs-gate demo: scenario %s on a simulated ECS at %s, %sx real time%n",
          scenario, sim.endpoint(), speed);
      GateOptions gate = new GateOptions();
      gate.cluster = "demo";
      gate.services = List.of("web");
      // Poll every 5 simulated seconds, and give up after 15 simulated minutes, as in production.
      gate.pollInterval = Duration.ofMillis(Math.max(50, (long) (5000 / speed)));
      gate.timeout = Duration.ofMillis((long) (15 * 60_000 / speed));
      gate.rollback = rollback;
      gate.placementGrace = Duration.ofMillis((long) (GateRequest.DEFAULT_PLACEMENT_GRACE.toMillis() / speed));
      AwsSettings aws = new AwsSettings(sim.region(), null, sim.endpoint(),
          StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")));
      return new GateRunner(spec.commandLine().getOut(), spec.commandLine().getErr(), Map.of())
          .run(aws, gate, report, new SlackOptions(), nextRevision(loaded));
    }
  }
}
