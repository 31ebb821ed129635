package io.ecsgate.cli;

import io.ecsgate.gate.DeployChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ecs-gate deploy}: force a new deployment (optionally with new images), then gate it. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = {"Start a deployment on each service (UpdateService with forceNewDeployment) and wait"
        + " for a verdict: stable (0), failed (1), timed out (2) or could not gate (3).",
        "Progress goes to stderr; the report to stdout."})
final class DeployCommand implements Callable<Integer>, ReadsEnvironment {
  @Spec CommandSpec spec;
  @Mixin AwsOptions aws = new AwsOptions();
  @Mixin GateOptions gate = new GateOptions();
  @Mixin ReportOptions report = new ReportOptions();
  @Mixin SlackOptions slack = new SlackOptions();
  private Map<String, String> env = System.getenv();
  @ArgGroup(exclusive = true) Change change;

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
    return new GateRunner(spec.commandLine().getOut(), spec.commandLine().getErr(), env)
        .run(aws.settings(), gate, report, slack, deployChange());
  }

  @Override
  public void environment(Map<String, String> newEnv) {
    env = newEnv;
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
