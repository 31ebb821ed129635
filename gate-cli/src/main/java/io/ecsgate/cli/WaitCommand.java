package io.ecsgate.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecs-gate wait}: gate a deployment started elsewhere (the PRIMARY deployment now). It takes
 * {@code aws ecs wait services-stable}'s spelling too ({@code --services a b}, the cluster
 * {@code default} when none is given), so that a pipeline switches by changing the command's name.
 */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = {"Gate the deployment under way on each service (its PRIMARY deployment) without"
        + " starting one: a drop-in for 'aws ecs wait services-stable' that fails fast and sees rollbacks,"
        + " with its --cluster and --services as it spells them.",
        "Progress goes to stderr; the report to stdout."})
final class WaitCommand extends GatingCommand {
  private List<String> repeated = List.of();
  private List<String> listed = List.of();

  @Option(names = "--cluster", defaultValue = "default", paramLabel = "CLUSTER",
      description = "Cluster name or ARN (default: default, as for the awscli).")
  void cluster(String name) {
    gate.cluster = name;
  }

  @Option(names = "--service", paramLabel = "SERVICE", description = GateOptions.SERVICE_HELP)
  void service(List<String> names) {
    repeated = names;
    merge();
  }

  @Option(names = "--services", arity = "1..*", paramLabel = "SERVICE",
      description = "Service names, as 'aws ecs wait services-stable' takes them: --services web api.")
  void services(List<String> names) {
    listed = names;
    merge();
  }

  /** picocli hands each setter all of its flag's values so far; the services are both, each once. */
  private void merge() {
    List<String> all = new ArrayList<>(repeated);
    all.addAll(listed);
    gate.services = List.copyOf(new LinkedHashSet<>(all));
  }

  @Override
  public Integer call() throws Exception {
    return runGate(null);
  }
}
