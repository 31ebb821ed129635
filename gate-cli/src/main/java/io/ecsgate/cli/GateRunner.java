package io.ecsgate.cli;

import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.diagnosis.AwsSettings;
import io.ecsgate.diagnosis.CallDeadline;
import io.ecsgate.diagnosis.Diagnoser;
import io.ecsgate.diagnosis.EcsClients;
import io.ecsgate.diagnosis.EcsReads;
import io.ecsgate.gate.DeployChange;
import io.ecsgate.gate.DeploymentGate;
import io.ecsgate.gate.GateListener;
import io.ecsgate.gate.GateRequest;
import io.ecsgate.report.ProgressPrinter;
import io.ecsgate.diagnosis.SdkErrors;
import io.ecsgate.report.ExitCode;
import software.amazon.awssdk.core.exception.SdkException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one path deploy, wait and demo share: build the clients, run the gate, write the report,
 * tell Slack, return the exit code. A cancelled job (SIGTERM, Ctrl-C) still prints what is known
 * (and tells Slack), and rolls back when asked, from a shutdown hook.
 */
final class GateRunner {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, String> env;

  GateRunner(PrintWriter out, PrintWriter err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  int run(AwsSettings aws, GateOptions gate, ReportOptions report, SlackOptions slack, DeployChange change)
      throws RulesFileException, InterruptedException {
    StopClassifier classifier = Classifiers.from(gate.rulesFile, err);
    Clock clock = Clock.systemUTC();
    Instant start = clock.instant();
    Duration timeout = gate.effectiveTimeout(env, start);
    GateRequest request = new GateRequest(gate.cluster, gate.services, change, gate.pollInterval, timeout,
        gate.maxAttempts, gate.failAfter, gate.rollback, gate.placementGrace, gate.until);
    EcsClients opened;
    try {
      // --timeout ends the whole run: no AWS call (a poll, the diagnosis, a rollback) outlives it.
      opened = EcsClients.from(aws, CallDeadline.at(start.plus(timeout), clock));
    } catch (SdkException e) {
      throw new CliFailure(ExitCode.NOT_GATED.code(), "failed to " + (change == null ? "wait for " : "deploy ")
          + String.join(", ", gate.services) + ": " + SdkErrors.oneLine(e));
    }
    try (EcsClients clients = opened;
        Diagnoser diagnoser = new Diagnoser(new EcsReads(clients.ecs(), err::println), clients::logs, classifier, clients.region())) {
      // One EcsReads for the gate and the diagnosis: its cache of task definitions serves both.
      EcsReads reads = diagnoser.reads();
      StateTableRecords records = stateTable(aws, gate, slack, clock, start.plus(timeout));
      GateListener progress = new ProgressPrinter(err, clock.instant());
      DeploymentGate deploymentGate = new DeploymentGate(clients.ecs(), reads, classifier, diagnoser::diagnose,
          records == null ? progress : new ClaimingListener(progress, records), clock, d -> Thread.sleep(d.toMillis()),
          clients.region());
      AtomicBoolean finished = new AtomicBoolean();
      Thread onCancel = new Thread(() -> {
        if (finished.compareAndSet(false, true)) {
          err.println("ecs-gate: cancelled; reporting what is known");
          FailureReport cancelled = deploymentGate.cancelled();
          tell(cancelled, slack, records, ReportOutput.emit(cancelled, report, out, err));
        }
      }, "ecs-gate-cancel");
      Runtime.getRuntime().addShutdownHook(onCancel);
      FailureReport result;
      try {
        result = deploymentGate.run(request);
      } finally {
        if (finished.compareAndSet(false, true)) {
          Runtime.getRuntime().removeShutdownHook(onCancel);
        } else {
          // The hook is already reporting: the JVM is shutting down; leave the output to it.
          Thread.currentThread().join();
        }
      }
      return tell(result, slack, records, ReportOutput.emit(result, report, out, err));
    }
  }

  /** Slack, then the state table learns which message is the deployment's incident. */
  private int tell(FailureReport result, SlackOptions slack, StateTableRecords records, int exitCode) {
    if (records == null) {
      return SlackDelivery.notify(result, slack, env, err, exitCode);
    }
    try {
      int code = SlackDelivery.notify(result, slack, env, err, exitCode, records::sent);
      records.finish(result, SlackDelivery.settings(slack, env).channel());
      return code;
    } finally {
      records.close();
    }
  }

  /** The shared incident's records when --state-table (or ECS_GATE_STATE_TABLE) names a table, else null. */
  private StateTableRecords stateTable(AwsSettings aws, GateOptions gate, SlackOptions slack, Clock clock, Instant deadline) {
    String table = gate.stateTable(env);
    return table == null ? null : new StateTableRecords(table, StateTableRecords.client(aws, env), env, err, clock,
        SlackDelivery.postsWithBot(slack, env), deadline);
  }
}
