package io.ecsgate.cli;

import io.ecsgate.gate.DeployChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code ecs-gate deploy}: force a new deployment (optionally with new images), then gate it. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = {"Start a deployment on each service (UpdateService with forceNewDeployment) and wait"
        + " for a verdict: stable (0), reached the --until stage (0), failed (1), timed out (2) or could not gate (3).",
        "Progress goes to stderr; the report to stdout."})
final class DeployCommand extends GatingCommand {
  @ArgGroup(exclusive = true) Change change;

  /** Required: deploy changes a service, and a forgotten --cluster must not mean another cluster's. */
  @Option(names = "--cluster", required = true, paramLabel = "CLUSTER", description = "Cluster name or ARN.")
  void cluster(String name) {
    gate.cluster = name;
  }

  @Option(names = "--service", required = true, paramLabel = "SERVICE", description = GateOptions.SERVICE_HELP)
  void services(List<String> names) {
    gate.services = names;
  }

  /** Either new images for the current task definition, or another task definition. */
  static final class Change {
    @Option(names = "--image", paramLabel = "CONTAINER=IMAGE",
        description = "Register a new revision of the service's task definition with this image for"
            + " CONTAINER; repeat for several containers.")
    List<String> images;

    @Option(names = "--task-definition", paramLabel = "FAMILY[:REV]",
        description = "Deploy this task definition (family, family:revision or ARN).")
    String taskDefinition;
  }

  @Override
  public Integer call() throws Exception {
    return runGate(deployChange());
  }


  DeployChange deployChange() {
    if (change == null) {
      return DeployChange.FORCE_NEW_DEPLOYMENT;
    }
    if (change.taskDefinition != null) {
      return new DeployChange(Map.of(), change.taskDefinition);
    }
    Map<String, String> images = new LinkedHashMap<>();
    for (String pair : change.images) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new ParameterException(spec.commandLine(), "--image expects CONTAINER=IMAGE, got '" + pair + "'");
      }
      images.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return new DeployChange(images, null);
  }
}
