package io.ecsgate.cli;

import io.ecsgate.classifier.SafeText;
import io.ecsgate.diagnosis.EcsClients;
import io.ecsgate.diagnosis.SdkErrors;
import io.ecsgate.gate.DeploymentControl;
import io.ecsgate.report.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What continue and rollback share: one service, the AWS options, one action on the deployment
 * under way, one line on stdout. Anything that keeps the action from happening is exit 3.
 */
abstract class DeploymentActionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AwsOptions aws = new AwsOptions();

  @Option(names = "--cluster", required = true, paramLabel = "CLUSTER", description = "Cluster name or ARN.")
  String cluster;

  @Option(names = "--service", required = true, paramLabel = "SERVICE", description = "Service name.")
  String service;

  /** The verb, for "failed to VERB SERVICE: ..." */
  abstract String verb();

  /** Does it; returns the line to print. */
  abstract String act(DeploymentControl control);

  @Override
  public final Integer call() {
    if (aws.mistake() != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), aws.mistake());
    }
    try (EcsClients clients = EcsClients.from(aws.settings())) {
      String done = act(new DeploymentControl(clients.ecs()));
      spec.commandLine().getOut().println(SafeText.strip(done));
      spec.commandLine().getOut().flush();
      return ExitCode.OK.code();
    } catch (DeploymentControl.NothingToDo e) {
      throw new CliFailure(ExitCode.NOT_GATED.code(), "failed to " + verb() + " " + service + ": " + e.getMessage());
    } catch (SdkException e) {
      throw new CliFailure(ExitCode.NOT_GATED.code(), "failed to " + verb() + " " + service + ": " + SdkErrors.oneLine(e));
    }
  }
}
