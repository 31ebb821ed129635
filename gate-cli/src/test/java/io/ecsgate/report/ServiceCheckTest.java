package io.ecsgate.report;

import io.ecsgate.diagnosis.Diagnoser;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceEventLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.report.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/** The rule diagnose judges a service by, on hand-built services and diagnoses. */
class ServiceCheckTest {
  private static final StopClassifier CLASSIFIER = StopClassifier.withDefaults();
  private static final Instant NOW = Fixtures.START.plusSeconds(120);
  private static final Instant HOUR_AGO = NOW.minusSeconds(3600);

  private static Deployment deployment(String id, String status, String rollout) {
    return Deployment.builder().id(id).status(status).rolloutState(rollout).taskDefinition("web:2")
        .rolloutStateReason(rollout.equals("FAILED") ? "ECS deployment circuit breaker: tasks failed to start." : null)
        .build();
  }

  private static Service service(int desired, int running, Deployment... deployments) {
    return Service.builder().serviceName("web").clusterArn(Fixtures.ARN + "cluster/prod").status("ACTIVE")
        .taskDefinition(Fixtures.ARN + "task-definition/web:2")
        .desiredCount(desired).runningCount(running).pendingCount(desired - running).deployments(deployments).build();
  }

  private static ServiceDiagnosis diagnosis(List<DiagnosedTask> tasks, List<ServiceEventLine> events) {
    return new ServiceDiagnosis(tasks, Diagnoser.countByCategory(tasks.stream().map(DiagnosedTask::verdict).toList()),
        events, null);
  }

  private static ServiceCheck.Judgement judge(Service s, ServiceDiagnosis d) {
    return ServiceCheck.judge(s, s.deployments().get(0), d, HOUR_AGO, CLASSIFIER);
  }

  @Test
  void aFailedRolloutFails() {
    Service s = service(2, 2, deployment("ecs-svc/2", "PRIMARY", "FAILED"));

    ServiceCheck.Judgement j = judge(s, diagnosis(List.of(), List.of()));

    assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(j.verdict()).isEqualTo("deployment ecs-svc/2 FAILED: ECS deployment circuit breaker: tasks failed to start.");
  }

  @Test
  void aRecentFailedTaskFailsEvenWhenRunningEqualsDesired() {
    Service s = service(2, 2, deployment("ecs-svc/2", "PRIMARY", "COMPLETED"));
    ServiceDiagnosis d = diagnosis(List.of(
        Fixtures.diagnosed(Fixtures.crashed("aaaa", NOW.minusSeconds(60)), List.of(), null),
        Fixtures.diagnosed(Fixtures.crashed("bbbb", NOW.minusSeconds(90)), List.of(), null)), List.of());

    ServiceCheck.Judgement j = judge(s, d);

    assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(j.verdict()).isEqualTo("2 of the last 2 stopped tasks failed: APP_EXIT (exit 1)");
  }

  @Test
  void failuresBeforeTheLookBackOrBehindFiveNewerStopsDoNotCount() {
    Service s = service(2, 2, deployment("ecs-svc/2", "PRIMARY", "COMPLETED"));
    List<DiagnosedTask> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tasks.add(Fixtures.diagnosed(Fixtures.task("new" + i, NOW.minusSeconds(10 + i), "ServiceSchedulerInitiated",
          "Scaling activity initiated by (deployment ecs-svc/2)",
          new io.ecsgate.classifier.ContainerExit("app", 0, null, "STOPPED", true, "app")), List.of(), null));
    }
    tasks.add(Fixtures.diagnosed(Fixtures.crashed("old", NOW.minusSeconds(100)), List.of(), null));

    assertThat(judge(s, diagnosis(tasks, List.of())).outcome()).isEqualTo(Outcome.STABLE);
    assertThat(judge(s, diagnosis(List.of(Fixtures.diagnosed(Fixtures.crashed("stale", HOUR_AGO.minusSeconds(1)), List.of(), null)),
        List.of())).verdict()).isEqualTo("steady: 2/2 running on web:2");
  }

  @Test
  void anAlertingNewestEventFailsAPlacementFailureHasNoTasks() {
    Service s = service(2, 2, deployment("ecs-svc/2", "PRIMARY", "IN_PROGRESS"), deployment("ecs-svc/1", "ACTIVE", "COMPLETED"));
    ServiceDiagnosis d = diagnosis(List.of(), List.of(new ServiceEventLine(NOW,
        "(service web) was unable to place a task because no container instance met all of its requirements. The closest"
            + " matching (container-instance 1234) has insufficient memory available.")));

    ServiceCheck.Judgement j = judge(s, d);

    assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(j.verdict()).startsWith("the newest service event says " + Category.PLACEMENT + ": (service web) was unable to place");
  }

  @Test
  void aRolloutWithoutFailuresIsNotSteadyYet() {
    Service s = service(2, 1, deployment("ecs-svc/2", "PRIMARY", "IN_PROGRESS"), deployment("ecs-svc/1", "ACTIVE", "COMPLETED"));
    ServiceDiagnosis d = diagnosis(List.of(), List.of(new ServiceEventLine(NOW, "(service web) has started 2 tasks: (task a) (task b).")));

    ServiceCheck.Judgement j = judge(s, d);

    assertThat(j.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(j.verdict()).isEqualTo("not steady yet: 2 deployments, 1/2 running, 1 pending; no failed task among the last stopped ones");
  }

  @Test
  void categoriesAreCountedMostFrequentFirst() {
    var verdicts = List.of(Fixtures.crashed("a", NOW), Fixtures.crashed("b", NOW),
            Fixtures.task("c", NOW, "UserInitiated", "Task stopped by user", new io.ecsgate.classifier.ContainerExit("app", 143, null, "STOPPED", true, "app")),
            Fixtures.task("d", NOW, "UserInitiated", "Task stopped by user", new io.ecsgate.classifier.ContainerExit("app", 143, null, "STOPPED", true, "app")),
            Fixtures.task("e", NOW, "UserInitiated", "Task stopped by user", new io.ecsgate.classifier.ContainerExit("app", 143, null, "STOPPED", true, "app")))
        .stream().map(CLASSIFIER::classify).toList();

    assertThat(Diagnoser.countByCategory(verdicts)).containsExactly(
        java.util.Map.entry(Category.USER_STOPPED, 3), java.util.Map.entry(Category.APP_EXIT, 2));
  }
}
