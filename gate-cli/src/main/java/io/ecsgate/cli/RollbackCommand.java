package io.ecsgate.cli;

import io.ecsgate.gate.DeploymentControl;
import picocli.CommandLine.Command;

/** {@code ecs-gate rollback}: have ECS roll back the deployment under way. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = {"Have ECS roll back the service's deployment under way (StopServiceDeployment ROLLBACK),"
        + " as its circuit breaker would; 'ecs-gate wait' then follows the rollback. Prints what it did."})
final class RollbackCommand extends DeploymentActionCommand {
  @Override
  String verb() {
    return "roll back";
  }

  @Override
  String act(DeploymentControl control) {
    return control.rollBack(cluster, service);
  }
}
