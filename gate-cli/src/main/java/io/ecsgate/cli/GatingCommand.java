package io.ecsgate.cli;

import io.ecsgate.gate.DeployChange;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What deploy and wait share: the options and the one gate path. A verb only says what it
 * changes (deploy) or that it changes nothing (wait).
 */
abstract class GatingCommand implements Callable<Integer>, ReadsEnvironment {
  @Spec CommandSpec spec;
  @Mixin AwsOptions aws = new AwsOptions();
  @Mixin GateOptions gate = new GateOptions();
  @Mixin ReportOptions report = new ReportOptions();
  @Mixin SlackOptions slack = new SlackOptions();
  private Map<String, String> env = System.getenv();

  /** @param change what deploy changes; null for wait */
  final int runGate(DeployChange change) throws Exception {
    String mistake = gate.mistake();
    if (mistake == null) {
      mistake = aws.mistake();
    }
    if (mistake != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), mistake);
    }
    return new GateRunner(spec.commandLine().getOut(), spec.commandLine().getErr(), env)
        .run(aws.settings(), gate, report, slack, change);
  }

  @Override
  public void environment(Map<String, String> newEnv) {
    env = newEnv;
  }
}
