package io.ecsgate.cli;

import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceResult;
import io.ecsgate.diagnosis.Diagnoser;
import io.ecsgate.diagnosis.EcsClients;
import io.ecsgate.diagnosis.EcsReads;
import io.ecsgate.diagnosis.SdkErrors;
import io.ecsgate.gate.ServiceCheck;
import io.ecsgate.report.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code ecs-gate diagnose}: the failure report for services as they are now, without deploying. */
@Command(
    name = "diagnose",
    mixinStandardHelpOptions = true,
    description = {
        "Report why services are failing, now, without deploying: their stopped tasks classified and"
            + " counted by category, the last log lines of the distinct failures, recent service events.",
        "FAILED: the primary deployment's rollout FAILED, or one of the 5 newest stopped tasks (within"
            + " --since) or the newest service event deserves an alert. STABLE: else one deployment and"
            + " running == desired. Anything else is 'not steady yet' (exit 2)."})
final class DiagnoseCommand implements Callable<Integer>, ReadsEnvironment {
  @Spec
  private CommandSpec spec;

  @Mixin
  private AwsOptions aws;

  @Mixin
  private ReportOptions report;

  @Mixin
  private SlackOptions slack;

  private Map<String, String> env = System.getenv();

  @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "Cluster name or ARN.")
  private String cluster;

  @Option(names = "--service", required = true, paramLabel = "NAME",
      description = "Service to diagnose; repeat for several.")
  private List<String> services;

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "How far back stopped tasks count and service events are shown: 90s, 15m, 1h, 1h30m (default: 1h).")
  private Duration since;

  @Option(names = "--rules", paramLabel = "FILE", description = "Rules file (YAML): exclusions, always-alert overrides, sidecars.")
  private Path rulesFile;

  @Override
  public Integer call() throws RulesFileException {
    if (since.isZero()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--since must be above 0: it is how far back stopped tasks count and events are shown (default 1h)");
    }
    if (aws.mistake() != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), aws.mistake());
    }
    StopClassifier classifier = Classifiers.from(rulesFile, spec.commandLine().getErr());
    List<String> names = List.copyOf(new LinkedHashSet<>(services));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FailureReport result;
    try (EcsClients clients = clients(names)) {
      EcsReads reads = new EcsReads(clients.ecs(), err::println);
      try (Diagnoser diagnoser = new Diagnoser(reads, clients.logs(), classifier, clients.region())) {
        result = new ServiceCheck(reads, diagnoser, classifier, clients.region()).check(cluster, names, since);
      }
    }
    for (ServiceResult s : result.services()) {
      if (s.outcome() == Outcome.NOT_GATED) {
        err.println(SafeText.strip("ecs-gate: failed to diagnose " + s.service() + ": " + s.verdict()));
      }
    }
    err.flush();
    return SlackDelivery.notify(result, slack, env, err, ReportOutput.emit(result, report, out, err));
  }

  @Override
  public void environment(Map<String, String> newEnv) {
    env = newEnv;
  }

  /** The SDK clients; no region or credentials configuration is a failure to diagnose (exit 3). */
  private EcsClients clients(List<String> names) {
    try {
      return EcsClients.from(aws.settings());
    } catch (SdkException e) {
      throw new CliFailure(ExitCode.NOT_GATED.code(),
          "failed to diagnose " + String.join(", ", names) + ": " + SdkErrors.oneLine(e));
    }
  }
}
