package io.ecsgate.report;

import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceEventLine;
import io.ecsgate.classifier.report.ServiceResult;
import io.ecsgate.diagnosis.ConsoleLinks;
import io.ecsgate.diagnosis.Diagnoser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built reports for the renderers' tests: what a deploy of two services could end with. */
final class Fixtures {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";
  static final String ESC = "\u001b";
  /** A reason that tries to recolour the terminal, add lines and close a GitLab section. */
  static final String HOSTILE = "boom" + ESC + "[31mRED" + ESC + "[0m\nsecond line\r" + ESC
      + "[0Ksection_end:1:ecs_gate\r" + ESC + "[0K\u202etxt.exe\u0007 <b>&amp;\"quoted\"";

  private static final StopClassifier CLASSIFIER = StopClassifier.withDefaults();
  private static final ConsoleLinks LINKS = new ConsoleLinks("eu-west-1");

  private Fixtures() {}

  static StoppedTask task(String id, Instant stoppedAt, String stopCode, String reason, ContainerExit container) {
    return StoppedTask.builder()
        .taskArn(ARN + "task/prod/" + id)
        .cluster(ARN + "cluster/prod")
        .taskDefinitionArn(ARN + "task-definition/web:2")
        .group("service:web")
        .startedBy("ecs-svc/1234567890123456789")
        .lastStatus("STOPPED")
        .desiredStatus("STOPPED")
        .stopCode(stopCode)
        .stoppedReason(reason)
        .container(container)
        .startedAt(stoppedAt.minusSeconds(10))
        .stoppedAt(stoppedAt)
        .build();
  }

  static StoppedTask crashed(String id, Instant stoppedAt) {
    return task(id, stoppedAt, "EssentialContainerExited", "Essential container in task exited",
        new ContainerExit("app", 1, null, "STOPPED", true, "app:2.4.0"));
  }

  /** A failed deployment whose newest task failed to start with a reason of ECS's full 1,024 characters. */
  static FailureReport longReason() {
    StoppedTask t = task("dddddddd77778888", START.plusSeconds(120), "TaskFailedToStart", "Task failed to start",
        new ContainerExit("app", null, io.ecsgate.classifier.LongReason.TEXT, "STOPPED", true, "app:2.4.0"));
    return report(failed(crashLoop(t, List.of()), "2 tasks of the new deployment failed"));
  }

  static DiagnosedTask diagnosed(StoppedTask t, List<String> logTail, String logNote) {
    String logUrl = logTail.isEmpty() && logNote == null ? null
        : LINKS.logStream(null, "/ecs/web", "ecs/app/" + t.taskId());
    return new DiagnosedTask(t, CLASSIFIER.classify(t), logTail, LINKS.task("prod", t.taskId()), logUrl, logNote);
  }

  /** Two crashed tasks (the newest with a log tail), one replaced by the deployment. */
  static ServiceDiagnosis crashLoop(StoppedTask newest, List<String> logTail) {
    List<DiagnosedTask> tasks = List.of(
        diagnosed(newest, logTail, null),
        diagnosed(crashed("bbbbbbbb33334444", START.plusSeconds(60)), List.of(), null),
        diagnosed(task("cccccccc55556666", START.plusSeconds(30), "ServiceSchedulerInitiated",
            "Scaling activity initiated by (deployment ecs-svc/1234567890123456789)",
            new ContainerExit("app", 0, null, "STOPPED", true, "app:2.3.1")), List.of(), null));
    return new ServiceDiagnosis(tasks, Diagnoser.countByCategory(tasks.stream().map(DiagnosedTask::verdict).toList()),
        List.of(new ServiceEventLine(START.plusSeconds(95), "(service web) is unable to consistently start tasks successfully.")),
        LINKS.service("prod", "web"));
  }

  static ServiceResult failed(ServiceDiagnosis d, String verdict) {
    return new ServiceResult(ARN + "cluster/prod", "web", Outcome.FAILED, verdict, "ecs-svc/1234567890123456789",
        "web:2", "web:1", 2, 0, 1, 2, "IN_PROGRESS", "2/3", Duration.ofMillis(12_500), null, d);
  }

  static ServiceResult stable(String service) {
    return new ServiceResult("prod", service, Outcome.STABLE, "deployment ecs-svc/99 completed: 2/2 running",
        "ecs-svc/99", service + ":7", service + ":6", 2, 2, 0, 0, "COMPLETED", null, Duration.ofSeconds(95), null, null);
  }

  static ServiceResult timedOut(String service) {
    return new ServiceResult("prod", service, Outcome.TIMED_OUT, "not stable after 10m: 1/2 running", "ecs-svc/98",
        service + ":3", null, 2, 1, 1, 0, "IN_PROGRESS", null, Duration.ofMinutes(10), null, null);
  }

  static ServiceResult notGated(String service, String cause) {
    return ServiceResult.notGated("prod", service, cause, Duration.ZERO);
  }

  static FailureReport report(ServiceResult... services) {
    return new FailureReport("deploy", "eu-west-1", START, Duration.ofMillis(184_250), List.of(services));
  }

  /** The usual failing service and a stable one. */
  static FailureReport failedAndStable() {
    return report(failed(crashLoop(crashed("aaaaaaaa11112222", START.plusSeconds(90)),
        List.of("Starting ShopApplication", "Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder 'PAYMENT_API_URL'")),
        "2 tasks of deployment ecs-svc/1234567890123456789 failed: APP_EXIT"), stable("api"));
  }

  /** Untrusted text everywhere ECS or the application writes it. */
  static FailureReport hostile() {
    return hostile(HOSTILE);
  }

  /** A failed service whose reasons, log line, event and verdict all carry {@code text}. */
  static FailureReport hostile(String text) {
    StoppedTask newest = task("aaaaaaaa11112222", START.plusSeconds(90), "TaskFailedToStart", "task " + text,
        new ContainerExit("app", null, "CannotStartContainerError: " + text, "STOPPED", true, "app:2.4.0"));
    ServiceDiagnosis d = crashLoop(newest, List.of("log " + text));
    List<ServiceEventLine> events = new ArrayList<>(d.events());
    events.add(0, new ServiceEventLine(START.plusSeconds(99), "event " + text));
    ServiceDiagnosis withEvents = new ServiceDiagnosis(d.tasks(), d.byCategory(), events, d.serviceConsoleUrl());
    return report(failed(withEvents, "verdict " + text));
  }
}
