package io.ecsgate.cli;

import picocli.CommandLine.Command;

/** {@code ecs-gate wait}: gate a deployment started elsewhere (the PRIMARY deployment now). */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = {"Gate the deployment under way on each service (its PRIMARY deployment) without"
        + " starting one: a drop-in for 'aws ecs wait services-stable' that fails fast and sees rollbacks.",
        "Progress goes to stderr; the report to stdout."})
final class WaitCommand extends GatingCommand {

  @Override
  public Integer call() throws Exception {
    return runGate(null);
  }
}
