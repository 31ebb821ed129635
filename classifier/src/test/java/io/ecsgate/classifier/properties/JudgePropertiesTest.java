package io.ecsgate.classifier.properties;

import static io.ecsgate.classifier.properties.EcsAnswers.OURS;
import static io.ecsgate.classifier.properties.Tries.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.deployment.DeploymentJudge;
import io.ecsgate.classifier.deployment.DeploymentState;
import io.ecsgate.classifier.deployment.FollowedDeployment;
import io.ecsgate.classifier.deployment.Judgement;
import io.ecsgate.classifier.deployment.Observed;
import io.ecsgate.classifier.deployment.ServiceState;
import io.ecsgate.classifier.deployment.Watch;
import io.ecsgate.classifier.report.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The deployment judge on random and mutated ECS answers: it never throws, and a failing answer
 * never becomes a passing verdict whatever the fields that do not decide it hold (counts, other
 * deployments, task definitions, reasons, names).
 */
class JudgePropertiesTest {
  private final DeploymentJudge judge = new DeploymentJudge();

  /** One snapshot with what the gate counted and followed beside it. */
  record Answer(ServiceState service, Watch watch, Observed observed) {}

  @Test
  void anyAnswerIsJudgedWithoutAnException() {
    forAll(2_000, r -> new Answer(EcsAnswers.anyService(r), EcsAnswers.watch(r), EcsAnswers.observed(r,
        r.nextBoolean() ? null : EcsAnswers.followed(r, EcsAnswers.FOLLOWED_STATUSES), true)), a -> {
      Judgement j = judge.judge(a.service(), a.watch(), a.observed());
      assertThat(j.kind()).isNotNull();
      assertThat(judge.judgeNow(a.service(), EcsAnswers.recent(new Random(a.hashCode()))).kind()).isNotNull();
    });
  }

  @Test
  void anyDeploymentEventIsJudgedWithoutAnException() {
    forAll(1_000, r -> EcsAnswers.deploymentEvent(r, EcsAnswers.maybe(r, List.of("SERVICE_DEPLOYMENT_FAILED",
        "SERVICE_DEPLOYMENT_COMPLETED", "SERVICE_DEPLOYMENT_IN_PROGRESS"))), e -> judge.judgeEvent(e));
  }

  @Test
  void oursFailedByTheBreakerIsNeverStableWhateverElseTheAnswerSays() {
    forAll(1_500, r -> {
      List<DeploymentState> deployments = others(r, true);
      deployments.add(EcsAnswers.deployment(r, OURS, EcsAnswers.maybe(r, List.of("PRIMARY", "ACTIVE")), "FAILED"));
      return new Answer(EcsAnswers.service(r, "ACTIVE", deployments), EcsAnswers.watch(r),
          EcsAnswers.observed(r, null, true));
    }, a -> assertThat(outcome(a)).isEqualTo(Outcome.FAILED));
  }

  @Test
  void anotherDeploymentPrimaryIsARollbackOrATakeoverNeverStable() {
    forAll(1_500, r -> {
      List<DeploymentState> deployments = others(r, false);
      deployments.add(EcsAnswers.deployment(r, EcsAnswers.maybe(r, List.of("ecs-svc/2222", "ecs-svc/3333")),
          "PRIMARY", EcsAnswers.maybe(r, List.of("IN_PROGRESS", "COMPLETED"))));
      String oursStatus = EcsAnswers.maybe(r, List.of("ACTIVE", "INACTIVE"));
      if (r.nextBoolean() && !"PRIMARY".equals(oursStatus)) { // ECS lists one PRIMARY
        deployments.add(EcsAnswers.deployment(r, OURS, oursStatus,
            EcsAnswers.maybe(r, List.of("IN_PROGRESS", "COMPLETED", "FAILED"))));
      }
      return new Answer(EcsAnswers.service(r, "ACTIVE", deployments), EcsAnswers.watch(r),
          EcsAnswers.observed(r, null, true));
    }, a -> assertThat(outcome(a)).isEqualTo(Outcome.FAILED));
  }

  @Test
  void asManyFailedTasksAsTheThresholdFailOursWhateverItsCounts() {
    forAll(1_500, r -> {
      List<DeploymentState> deployments = others(r, false);
      deployments.add(EcsAnswers.deployment(r, OURS, "PRIMARY", EcsAnswers.maybe(r, List.of("IN_PROGRESS", "COMPLETED"))));
      Watch watch = EcsAnswers.watch(r);
      Observed seen = EcsAnswers.observed(r, null, true);
      Observed failing = new Observed(Math.max(watch.failAfter(), Math.max(0, seen.failedTasks())), seen.placementFailed(),
          seen.placementMessage(), null, seen.deterministic());
      return new Answer(EcsAnswers.service(r, "ACTIVE", deployments), watch, failing);
    }, a -> assertThat(outcome(a)).isEqualTo(Outcome.FAILED));
  }

  @Test
  void aFollowedDeploymentRollingBackOrStoppedFailsWhateverDescribeServicesSays() {
    forAll(1_500, r -> new Answer(EcsAnswers.anyService(r), EcsAnswers.watch(r), EcsAnswers.observed(r,
        EcsAnswers.followed(r, List.of("ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL",
            "ROLLBACK_FAILED", "STOPPED", "STOP_REQUESTED")), true)), a -> {
      FollowedDeployment f = a.observed().followed();
      if (f.rollingBack() || f.stopped()) {
        assertThat(outcome(a)).isEqualTo(Outcome.FAILED);
      }
    });
  }

  @Test
  void diagnoseNeverCallsAServiceWhosePrimaryFailedStable() {
    forAll(1_500, r -> {
      List<DeploymentState> deployments = others(r, false);
      deployments.add(EcsAnswers.deployment(r, EcsAnswers.maybe(r, List.of(OURS)), "PRIMARY", "FAILED"));
      return EcsAnswers.service(r, "ACTIVE", deployments);
    }, s -> assertThat(judge.judgeNow(s, EcsAnswers.recent(new Random(s.hashCode()))).outcome())
        .isEqualTo(Outcome.FAILED));
  }

  @Test
  void aFailedDeploymentEventIsNeverStable() {
    forAll(1_000, r -> EcsAnswers.deploymentEvent(r, "SERVICE_DEPLOYMENT_FAILED"),
        e -> assertThat(judge.judgeEvent(e).outcome()).isEqualTo(Outcome.FAILED));
  }

  private Outcome outcome(Answer a) {
    return judge.judge(a.service(), a.watch(), a.observed()).outcome();
  }

  private static List<DeploymentState> others(Random r, boolean primaryAllowed) {
    List<DeploymentState> others = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      DeploymentState d = EcsAnswers.other(r, primaryAllowed);
      if (!OURS.equals(d.id())) {
        others.add(d);
      }
    }
    return others;
  }
}
