package io.ecsgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.deployment.Judgement;
import io.ecsgate.classifier.deployment.JudgementKind;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceEventLine;
import io.ecsgate.diagnosis.Diagnoser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * What diagnose hands the judge, on hand-built SDK services and diagnoses: which stopped tasks and
 * which event count, and that the SDK's answer maps onto the judge's model (the rules themselves
 * are DeploymentJudgeTest's).
 */
class ServiceCheckTest {
  private static final StopClassifier CLASSIFIER = StopClassifier.withDefaults();
  private static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";
  private static final Instant NOW = Instant.parse("2026-03-02T09:02:00Z");
  private static final Instant HOUR_AGO = NOW.minusSeconds(3600);

  private static StoppedTask task(String id, Instant stoppedAt, String stopCode, String reason, ContainerExit container) {
    return StoppedTask.builder().taskArn(ARN + "task/prod/" + id).cluster(ARN + "cluster/prod")
        .taskDefinitionArn(ARN + "task-definition/web:2").group("service:web").startedBy("ecs-svc/2")
        .lastStatus("STOPPED").desiredStatus("STOPPED").stopCode(stopCode).stoppedReason(reason)
        .container(container).startedAt(stoppedAt.minusSeconds(10)).stoppedAt(stoppedAt).build();
  }

  private static StoppedTask crashedTask(String id, Instant stoppedAt) {
    return task(id, stoppedAt, "EssentialContainerExited", "Essential container in task exited",
        new ContainerExit("app", 1, null, "STOPPED", true, "app:2.4.0"));
  }

  private static DiagnosedTask crashed(String id, Instant stoppedAt) {
    StoppedTask t = crashedTask(id, stoppedAt);
    return new DiagnosedTask(t, CLASSIFIER.classify(t), List.of(), null, null);
  }

  private static Deployment deployment(String id, String status, String rollout) {
    return Deployment.builder().id(id).status(status).rolloutState(rollout).taskDefinition("web:2")
        .rolloutStateReason(rollout.equals("FAILED") ? "ECS deployment circuit breaker: tasks failed to start." : null)
        .build();
  }

  private static Service service(int desired, int running, Deployment... deployments) {
    return Service.builder().serviceName("web").clusterArn(ARN + "cluster/prod").status("ACTIVE")
        .taskDefinition(ARN + "task-definition/web:2")
        .desiredCount(desired).runningCount(running).pendingCount(desired - running).deployments(deployments).build();
  }

  private static ServiceDiagnosis diagnosis(List<DiagnosedTask> tasks, List<ServiceEventLine> events) {
    return new ServiceDiagnosis(tasks, Diagnoser.countByCategory(tasks.stream().map(DiagnosedTask::verdict).toList()),
        events, null);
  }

  private static Judgement judge(Service s, ServiceDiagnosis d) {
    return ServiceCheck.judge(s, d, HOUR_AGO, CLASSIFIER);
  }

  @Test
  void aFailedRolloutFails() {
    Service s = service(2, 2, deployment("ecs-svc/2", "PRIMARY", "FAILED"));

    Judgement j = judge(s, diagnosis(List.of(), List.of()));

    assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(j.kind()).isEqualTo(JudgementKind.FAILED_BREAKER);
    assertThat(j.why()).isEqualTo("the circuit breaker failed deployment ecs-svc/2: ECS deployment circuit breaker: tasks failed to start.");
  }

  @Test
  void aRecentFailedTaskFailsEvenWhenRunningEqualsDesired() {
    Service s = service(2, 2, deployment("ecs-svc/2", "PRIMARY", "COMPLETED"));
    ServiceDiagnosis d = diagnosis(List.of(
        crashed("aaaa", NOW.minusSeconds(60)),
        crashed("bbbb", NOW.minusSeconds(90))), List.of());

    Judgement j = judge(s, d);

    assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(j.why()).isEqualTo("2 of the last 2 stopped tasks failed: APP_EXIT (exit 1)");
  }

  @Test
  void failuresBeforeTheLookBackOrBehindFiveNewerStopsDoNotCount() {
    Service s = service(2, 2, deployment("ecs-svc/2", "PRIMARY", "COMPLETED"));
    List<DiagnosedTask> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      StoppedTask t = task("new" + i, NOW.minusSeconds(10 + i), "ServiceSchedulerInitiated",
          "Scaling activity initiated by (deployment ecs-svc/2)", new ContainerExit("app", 0, null, "STOPPED", true, "app"));
      tasks.add(new DiagnosedTask(t, CLASSIFIER.classify(t), List.of(), null, null));
    }
    tasks.add(crashed("old", NOW.minusSeconds(100)));

    assertThat(judge(s, diagnosis(tasks, List.of())).outcome()).isEqualTo(Outcome.STABLE);
    assertThat(judge(s, diagnosis(List.of(crashed("stale", HOUR_AGO.minusSeconds(1))),
        List.of())).why()).isEqualTo("steady: 2/2 running on web:2");
  }

  @Test
  void anAlertingNewestEventFailsAPlacementFailureHasNoTasks() {
    Service s = service(2, 2, deployment("ecs-svc/2", "PRIMARY", "IN_PROGRESS"), deployment("ecs-svc/1", "ACTIVE", "COMPLETED"));
    ServiceDiagnosis d = diagnosis(List.of(), List.of(new ServiceEventLine(NOW,
        "(service web) was unable to place a task because no container instance met all of its requirements. The closest"
            + " matching (container-instance 1234) has insufficient memory available.")));

    Judgement j = judge(s, d);

    assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(j.why()).startsWith("the newest service event says " + Category.PLACEMENT + ": (service web) was unable to place");
  }

  @Test
  void aRolloutWithoutFailuresIsNotSteadyYet() {
    Service s = service(2, 1, deployment("ecs-svc/2", "PRIMARY", "IN_PROGRESS"), deployment("ecs-svc/1", "ACTIVE", "COMPLETED"));
    ServiceDiagnosis d = diagnosis(List.of(), List.of(new ServiceEventLine(NOW, "(service web) has started 2 tasks: (task a) (task b).")));

    Judgement j = judge(s, d);

    assertThat(j.kind()).as("diagnose reports it as TIMED_OUT, exit 2").isEqualTo(JudgementKind.PENDING);
    assertThat(j.why()).isEqualTo("not steady yet: 2 deployments, 1/2 running, 1 pending; no failed task among the last stopped ones");
  }

  @Test
  void aSteadyServiceOfTwoHundredTasksIsSteady() {
    // The SDK's counts are boxed Integers: compared with == they differ above 127.
    Service s = service(200, 200, deployment("ecs-svc/2", "PRIMARY", "COMPLETED"));

    Judgement j = judge(s, diagnosis(List.of(), List.of()));

    assertThat(j.outcome()).isEqualTo(Outcome.STABLE);
    assertThat(j.why()).isEqualTo("steady: 200/200 running on web:2");
  }

  @Test
  void anAnswerWithoutCountsOrRolloutStateIsJudgedNotCrashedOn() {
    // A Classic Load Balancer service's deployments carry no rolloutState; a proxy may drop counts.
    Service s = Service.builder().serviceName("web").status("ACTIVE").taskDefinition(ARN + "task-definition/web:2")
        .deployments(Deployment.builder().id("ecs-svc/2").status("PRIMARY").taskDefinition("web:2").build()).build();

    Judgement j = judge(s, diagnosis(List.of(), List.of()));

    assertThat(j.outcome()).as("0 of 0 running: nothing is missing").isEqualTo(Outcome.STABLE);
    assertThat(io.ecsgate.classifier.sdk.EcsSdkServices.fromSdk(s).deployments().get(0).rolloutState()).isNull();
  }

  @Test
  void categoriesAreCountedMostFrequentFirst() {
    var verdicts = List.of(crashedTask("a", NOW), crashedTask("b", NOW),
            task("c", NOW, "UserInitiated", "Task stopped by user", new ContainerExit("app", 143, null, "STOPPED", true, "app")),
            task("d", NOW, "UserInitiated", "Task stopped by user", new ContainerExit("app", 143, null, "STOPPED", true, "app")),
            task("e", NOW, "UserInitiated", "Task stopped by user", new ContainerExit("app", 143, null, "STOPPED", true, "app")))
        .stream().map(CLASSIFIER::classify).toList();

    assertThat(Diagnoser.countByCategory(verdicts)).containsExactly(
        java.util.Map.entry(Category.USER_STOPPED, 3), java.util.Map.entry(Category.APP_EXIT, 2));
  }
}
