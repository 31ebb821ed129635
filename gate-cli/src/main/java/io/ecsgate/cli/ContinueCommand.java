package io.ecsgate.cli;

import io.ecsgate.gate.DeploymentControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecs-gate continue}: go on past the PAUSE lifecycle hook that awaits someone. */
@Command(name = "continue", mixinStandardHelpOptions = true,
    description = {"Continue the service's deployment under way past the PAUSE lifecycle hook awaiting action"
        + " (ContinueServiceDeployment), or roll it back there with --rollback. Prints what it did."})
final class ContinueCommand extends DeploymentActionCommand {
  @Option(names = "--rollback", description = "Answer the hook with ROLLBACK instead of CONTINUE.")
  boolean rollback;

  @Override
  String verb() {
    return "continue";
  }

  @Override
  String act(DeploymentControl control) {
    return control.resume(cluster, service, rollback);
  }
}
