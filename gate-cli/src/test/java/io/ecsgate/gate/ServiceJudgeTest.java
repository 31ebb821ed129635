package io.ecsgate.gate;

import io.ecsgate.classifier.report.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.Service;

/** The judgement of one snapshot, including the cases the awscli waiter gets wrong. */
class ServiceJudgeTest {
  private static final String OURS = "ecs-svc/1111";
  private static final String OLD = "ecs-svc/2222";
  private final ServiceJudge judge = new ServiceJudge();
  private final Watched watched = new Watched("prod", "web", OURS,
      "arn:aws:ecs:us-east-1:1:task-definition/web:8", "arn:aws:ecs:us-east-1:1:task-definition/web:7",
      Instant.parse("2026-01-01T00:00:00Z"));

  private static Deployment deployment(String id, String status, String taskDef, DeploymentRolloutState rollout) {
    return Deployment.builder().id(id).status(status).taskDefinition("arn:aws:ecs:us-east-1:1:task-definition/" + taskDef)
        .rolloutState(rollout).rolloutStateReason(rollout == DeploymentRolloutState.FAILED
            ? "ECS deployment circuit breaker: task failed to start." : null).build();
  }

  private static Service service(int desired, int running, Deployment... deployments) {
    return Service.builder().serviceName("web").status("ACTIVE").desiredCount(desired).runningCount(running)
        .pendingCount(0).deployments(deployments).build();
  }

  @Test
  void aRollbackLooksStableToTheAwscliButFailsTheGate() {
    // One deployment, running == desired: exactly what services-stable calls success.
    Service s = service(2, 2,
        deployment("ecs-svc/3333", "PRIMARY", "web:7", DeploymentRolloutState.COMPLETED),
        deployment(OURS, "ACTIVE", "web:8", DeploymentRolloutState.FAILED));
    Service afterCleanup = service(2, 2, deployment("ecs-svc/3333", "PRIMARY", "web:7", DeploymentRolloutState.COMPLETED));

    Judgement j = judge.judge(watched, s, 0, 3);
    Judgement later = judge.judge(watched, afterCleanup, 0, 3);

    assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(j.rolledBackByEcs()).isTrue();
    assertThat(j.why()).contains("rolled back to web:7").contains("circuit breaker");
    assertThat(later.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(later.rolledBackByEcs()).isTrue();
  }

  @Test
  void anotherDeploymentTakingOverIsItsOwnFailure() {
    Service s = service(2, 1,
        deployment("ecs-svc/9999", "PRIMARY", "web:9", DeploymentRolloutState.IN_PROGRESS),
        deployment(OURS, "ACTIVE", "web:8", DeploymentRolloutState.IN_PROGRESS));

    Judgement j = judge.judge(watched, s, 0, 3);

    assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(j.rolledBackByEcs()).isFalse();
    assertThat(j.why()).contains("another deployment (ecs-svc/9999, web:9) took over");
  }

  @Test
  void failedTasksReachingTheThresholdFailBeforeTheBreakerDoes() {
    Service s = service(4, 2,
        deployment(OURS, "PRIMARY", "web:8", DeploymentRolloutState.IN_PROGRESS),
        deployment(OLD, "ACTIVE", "web:7", DeploymentRolloutState.COMPLETED));

    assertThat(judge.judge(watched, s, 2, 3).isFinal()).isFalse();
    assertThat(judge.judge(watched, s, 3, 3).why()).isEqualTo("3 tasks of deployment ecs-svc/1111 failed (threshold 3)");
  }

  @Test
  void stableOnlyWhenOursIsTheOnlyDeploymentAndAllRun() {
    Deployment ours = deployment(OURS, "PRIMARY", "web:8", DeploymentRolloutState.IN_PROGRESS);

    assertThat(judge.judge(watched, service(2, 2, ours, deployment(OLD, "ACTIVE", "web:7", null)), 0, 3).isFinal())
        .as("old deployment still draining").isFalse();
    assertThat(judge.judge(watched, service(2, 1, ours), 0, 3).isFinal()).as("one task missing").isFalse();
    assertThat(judge.judge(watched, service(2, 2, ours), 1, 3).outcome())
        .as("a transient failure below the threshold does not spoil success").isEqualTo(Outcome.STABLE);
  }

  @Test
  void desiredCountZeroIsStableOnceNothingRuns() {
    Judgement j = judge.judge(watched, service(0, 0, deployment(OURS, "PRIMARY", "web:8", null)), 0, 3);

    assertThat(j.outcome()).isEqualTo(Outcome.STABLE);
    assertThat(j.why()).contains("desired count is 0");
  }

  @Test
  void rolloutCompletedCountsAsStableEvenWhileCountsCatchUp() {
    Judgement j = judge.judge(watched, service(3, 2, deployment(OURS, "PRIMARY", "web:8", DeploymentRolloutState.COMPLETED)), 0, 3);

    assertThat(j.outcome()).isEqualTo(Outcome.STABLE);
  }

  @Test
  void aServiceBeingDeletedFails() {
    Service s = service(2, 2, deployment(OURS, "PRIMARY", "web:8", null)).toBuilder().status("DRAINING").build();

    assertThat(judge.judge(watched, s, 0, 3).why()).contains("is DRAINING");
  }

  @Test
  void placementFailuresFailWithTheirMessage() {
    Service s = service(2, 0, deployment(OURS, "PRIMARY", "web:8", DeploymentRolloutState.IN_PROGRESS));

    Judgement j = judge.judge(watched, s, 0, 3, "(service web) was unable to place a task", 3);

    assertThat(j.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(j.why()).contains("could not place tasks").contains("unable to place a task");
  }

  @ParameterizedTest(name = "desired {0} -> threshold {1}")
  @CsvSource({"0, 3", "1, 3", "2, 3", "6, 3", "7, 4", "10, 5", "399, 200", "1000, 200"})
  void breakerThresholdIsHalfTheDesiredCountClampedTo3And200(int desired, int threshold) {
    assertThat(ServiceJudge.breakerThreshold(desired)).isEqualTo(threshold);
  }
}
