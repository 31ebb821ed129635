package io.ecsgate.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ecs-gate wait}: gate a deployment started elsewhere (the PRIMARY deployment now). */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = {"Gate the deployment under way on each service (its PRIMARY deployment) without"
        + " starting one: a drop-in for 'aws ecs wait services-stable' that fails fast and sees rollbacks.",
        "Exit codes as deploy. Progress goes to stderr; the report to stdout."})
final class WaitCommand implements Callable<Integer>, ReadsEnvironment {
  @Spec CommandSpec spec;
  @Mixin AwsOptions aws = new AwsOptions();
  @Mixin GateOptions gate = new GateOptions();
  @Mixin ReportOptions report = new ReportOptions();
  @Mixin SlackOptions slack = new SlackOptions();
  private Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws Exception {
    return new GateRunner(spec.commandLine().getOut(), spec.commandLine().getErr(), env)
        .run(aws.settings(), gate, report, slack, null);
  }

  @Override
  public void environment(Map<String, String> newEnv) {
    env = newEnv;
  }
}
