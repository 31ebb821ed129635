package io.ecsgate.classifier.deployment;

import static io.ecsgate.classifier.deployment.JudgementKind.ALERTING_EVENT;
import static io.ecsgate.classifier.deployment.JudgementKind.DEPLOYMENT_GONE;
import static io.ecsgate.classifier.deployment.JudgementKind.FAILED_BREAKER;
import static io.ecsgate.classifier.deployment.JudgementKind.FAILED_TASKS;
import static io.ecsgate.classifier.deployment.JudgementKind.INACTIVE;
import static io.ecsgate.classifier.deployment.JudgementKind.PENDING;
import static io.ecsgate.classifier.deployment.JudgementKind.PLACEMENT;
import static io.ecsgate.classifier.deployment.JudgementKind.ROLLED_BACK;
import static io.ecsgate.classifier.deployment.JudgementKind.STABLE;
import static io.ecsgate.classifier.deployment.JudgementKind.TAKEN_OVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.DeploymentEvent;
import io.ecsgate.classifier.ServiceEvent;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.report.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one judge, table-driven: each row a snapshot (and what was counted beside it) and the kind
 * it must give, including the cases the awscli waiter gets wrong and counts above 127 (where boxed
 * {@code Integer}s compared with {@code ==} go wrong).
 */
class DeploymentJudgeTest {
  private static final String OURS = "ecs-svc/1111";
  private static final String OLD = "ecs-svc/2222";
  private static final String TD = "arn:aws:ecs:us-east-1:1:task-definition/";
  private static final Watch WATCH = new Watch(OURS, TD + "web:7", 3);
  private final DeploymentJudge judge = new DeploymentJudge();

  private static DeploymentState d(String id, String status, String taskDef, String rollout) {
    return new DeploymentState(id, status, rollout, "FAILED".equals(rollout)
        ? "ECS deployment circuit breaker: task failed to start." : null, TD + taskDef, 0);
  }

  private static ServiceState service(String status, int desired, int running, DeploymentState... deployments) {
    return new ServiceState("web", status, desired, running, desired - running, TD + "web:8", List.of(deployments));
  }

  private static ServiceState service(int desired, int running, DeploymentState... deployments) {
    return service("ACTIVE", desired, running, deployments);
  }

  static Stream<Arguments> gateCases() {
    DeploymentState ours = d(OURS, "PRIMARY", "web:8", "IN_PROGRESS");
    DeploymentState old = d(OLD, "ACTIVE", "web:7", "COMPLETED");
    return Stream.of(
        Arguments.of("rolled back: ours FAILED, the old one PRIMARY (services-stable calls this success)",
            service(2, 2, d("ecs-svc/3333", "PRIMARY", "web:7", "COMPLETED"), d(OURS, "ACTIVE", "web:8", "FAILED")),
            Observed.NOTHING, ROLLED_BACK, "failed and ECS rolled back to web:7: ECS deployment circuit breaker"),
        Arguments.of("rolled back, ours already cleaned up: the primary runs the previous revision",
            service(2, 2, d("ecs-svc/3333", "PRIMARY", "web:7", "COMPLETED")), Observed.NOTHING, ROLLED_BACK,
            "rolled back to web:7"),
        Arguments.of("taken over: another deployment is PRIMARY and ours did not fail",
            service(2, 1, d("ecs-svc/9999", "PRIMARY", "web:9", "IN_PROGRESS"), d(OURS, "ACTIVE", "web:8", "IN_PROGRESS")),
            Observed.NOTHING, TAKEN_OVER, "another deployment (ecs-svc/9999, web:9) took over from ecs-svc/1111"),
        Arguments.of("gone: ours no longer listed, the primary is not the previous revision",
            service(2, 2, d("ecs-svc/9999", "ACTIVE", "web:9", null)), Observed.NOTHING, DEPLOYMENT_GONE,
            "deployment ecs-svc/1111 is no longer listed"),
        Arguments.of("the breaker failed ours", service(2, 0, d(OURS, "PRIMARY", "web:8", "FAILED"), old),
            Observed.NOTHING, FAILED_BREAKER, "the circuit breaker failed deployment ecs-svc/1111: ECS deployment"),
        Arguments.of("failed tasks below the threshold", service(4, 2, ours, old), new Observed(2, false, null), PENDING, null),
        Arguments.of("failed tasks at the threshold, before the breaker", service(4, 2, ours, old),
            new Observed(3, false, null), FAILED_TASKS, "3 tasks of deployment ecs-svc/1111 failed (threshold 3)"),
        Arguments.of("a placement failure nothing resolved", service(2, 0, ours),
            new Observed(0, true, "(service web) was unable to place a task"), PLACEMENT,
            "ECS could not place tasks of deployment ecs-svc/1111: (service web) was unable"),
        Arguments.of("old deployment still draining", service(2, 2, ours, d(OLD, "ACTIVE", "web:7", null)),
            Observed.NOTHING, PENDING, null),
        Arguments.of("one task missing", service(2, 1, ours), Observed.NOTHING, PENDING, null),
        Arguments.of("a failure below the threshold does not spoil success", service(2, 2, ours),
            new Observed(1, false, null), STABLE, "2/2 tasks of deployment ecs-svc/1111 running"),
        Arguments.of("200 of 200 running: counts above 127 compare by value", service(200, 200, ours),
            Observed.NOTHING, STABLE, "200/200 tasks"),
        Arguments.of("199 of 200 running", service(200, 199, ours), Observed.NOTHING, PENDING, null),
        Arguments.of("desired 0, nothing runs", service(0, 0, d(OURS, "PRIMARY", "web:8", null)), Observed.NOTHING,
            STABLE, "desired count is 0 and no task runs"),
        Arguments.of("rollout COMPLETED while the counts catch up", service(3, 2, d(OURS, "PRIMARY", "web:8", "COMPLETED")),
            Observed.NOTHING, STABLE, null),
        Arguments.of("the service is being deleted", service("DRAINING", 2, 2, ours), Observed.NOTHING, INACTIVE,
            "service web is DRAINING: it is being deleted"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gateCases")
  void theGateJudgesOurDeployment(String name, ServiceState s, Observed observed, JudgementKind kind, String why) {
    Judgement j = judge.judge(s, WATCH, observed);

    assertThat(j.kind()).isEqualTo(kind);
    assertThat(j.isFinal()).isEqualTo(kind != PENDING);
    if (why != null) {
      assertThat(j.why()).contains(why);
    }
  }

  /** Found by JudgePropertiesTest: a PRIMARY deployment without an id threw a NullPointerException. */
  @Test
  void aPrimaryDeploymentWithoutAnIdIsAnotherDeploymentNotACrash() {
    DeploymentState nameless = new DeploymentState(null, "PRIMARY", "IN_PROGRESS", null, TD + "web:9", 0);
    ServiceState s = service(2, 2, nameless, d(OURS, "ACTIVE", "web:8", "FAILED"));

    assertThat(judge.judge(s, WATCH, Observed.NOTHING).kind()).isEqualTo(ROLLED_BACK);
    assertThat(judge.judge(s, WATCH, new Observed(0, false, null, followedAt("ROLLBACK_IN_PROGRESS", null))).kind())
        .isEqualTo(ROLLED_BACK);
  }

  @Test
  void failedTasksAboveOneHundredAndTwentySevenReachTheirThreshold() {
    Watch big = new Watch(OURS, null, DeploymentJudge.breakerThreshold(400));
    ServiceState s = service(400, 100, d(OURS, "PRIMARY", "web:8", "IN_PROGRESS"));

    assertThat(judge.judge(s, big, new Observed(199, false, null)).kind()).isEqualTo(PENDING);
    assertThat(judge.judge(s, big, new Observed(200, false, null)).kind()).isEqualTo(FAILED_TASKS);
    assertThat(judge.judge(s, big, new Observed(200, false, null)).evidence())
        .isEqualTo(new Evidence.Failures(OURS, 200, 200, 0, null, null, null));
  }

  @Test
  void untilAStageEndsTheGateOnceOurDeploymentReachesItButNeverOverARollback() {
    ServiceState both = service(2, 4, d(OURS, "PRIMARY", "web:8", "IN_PROGRESS"), d(OLD, "ACTIVE", "web:7", "COMPLETED"));
    Watch until = new Watch(OURS, TD + "web:7", 3, LifecycleStages.parse("production-traffic-shifted"));

    assertThat(judge.judge(both, until, new Observed(0, false, null, followedAt("IN_PROGRESS", "TEST_TRAFFIC_SHIFT"))).kind())
        .isEqualTo(PENDING);
    Judgement reached = judge.judge(both, until, new Observed(0, false, null, followedAt("IN_PROGRESS", "BAKE_TIME")));
    assertThat(reached.kind()).isEqualTo(JudgementKind.REACHED_STAGE);
    assertThat(reached.outcome()).isEqualTo(Outcome.REACHED);
    assertThat(reached.why()).isEqualTo("deployment ecs-svc/1111 reached BAKE_TIME (--until POST_PRODUCTION_TRAFFIC_SHIFT):"
        + " ECS finishes it");
    assertThat(judge.judge(both, until, new Observed(0, false, null, followedAt("ROLLBACK_IN_PROGRESS", "BAKE_TIME"))).kind())
        .as("the stage can still read as the target during a rollback").isEqualTo(ROLLED_BACK);
  }

  @Test
  void stagesAreNamedAsTheApiOrByTheMomentsAPipelineWaitsFor() {
    assertThat(LifecycleStages.parse("bake-time")).isEqualTo("BAKE_TIME");
    assertThat(LifecycleStages.parse("PRODUCTION_TRAFFIC_SHIFT")).isEqualTo("PRODUCTION_TRAFFIC_SHIFT");
    assertThat(LifecycleStages.parse("test-traffic-shifted")).isEqualTo("POST_TEST_TRAFFIC_SHIFT");
    assertThat(LifecycleStages.parse("deployed")).isNull();
    assertThat(LifecycleStages.reached(null, "BAKE_TIME")).as("a ROLLING deployment has no stage").isFalse();
    assertThat(LifecycleStages.reached("CLEAN_UP", "BAKE_TIME")).isTrue();
  }

  private static FollowedDeployment followedAt(String status, String stage) {
    return new FollowedDeployment("arn:sd/ours", status, null, stage, null, null, List.of(), null, List.of());
  }

  @Test
  void aFailureRetryingCannotFixFailsAtTheFirstTask() {
    Verdict imageMissing = new Verdict(true, io.ecsgate.classifier.Category.IMAGE_PULL, "Container app could not pull its image",
        "hint", new io.ecsgate.classifier.Evidence(null, null, null, null, "not found"), "default:image-pull.not-found", true);
    ServiceState s = service(4, 2, d(OURS, "PRIMARY", "web:8", "IN_PROGRESS"), d(OLD, "ACTIVE", "web:7", "COMPLETED"));

    Judgement j = judge.judge(s, new Watch(OURS, null, 100), new Observed(1, false, null, null, imageMissing));

    assertThat(j.kind()).isEqualTo(FAILED_TASKS);
    assertThat(j.why()).isEqualTo("a task of deployment ecs-svc/1111 failed for a cause retrying cannot fix: IMAGE_PULL:"
        + " Container app could not pull its image");
  }

  @Test
  void aRollbackAndATakeoverCarryTheDeploymentThatReplacedOurs() {
    Judgement rollback = judge.judge(service(2, 2, d("ecs-svc/3333", "PRIMARY", "web:7", "COMPLETED"),
        d(OURS, "ACTIVE", "web:8", "FAILED")), WATCH, Observed.NOTHING);

    assertThat(rollback.evidence()).isEqualTo(new Evidence.Replaced(OURS, "ecs-svc/3333", "web:7",
        "ECS deployment circuit breaker: task failed to start."));
    assertThat(rollback.outcome()).isEqualTo(Outcome.FAILED);
  }

  private static FollowedDeployment followed(String status, List<String> alarms, FollowedDeployment.Breaker breaker) {
    return new FollowedDeployment("arn:sd/ours", status, "because", "BAKE_TIME", new FollowedDeployment.Traffic(100, 100),
        null, alarms, breaker, List.of());
  }

  static Stream<Arguments> followedCases() {
    DeploymentState ours = d(OURS, "PRIMARY", "web:8", "IN_PROGRESS");
    DeploymentState old = d(OLD, "ACTIVE", "web:7", "COMPLETED");
    ServiceState bothRunning = service(2, 2, ours, old);
    return Stream.of(
        Arguments.of("both revisions run through the bake: not stable while IN_PROGRESS, whatever the counts",
            service(2, 2, ours), followed("IN_PROGRESS", List.of(), null), PENDING, null),
        Arguments.of("SUCCESSFUL is stable", service(2, 2, ours), followed("SUCCESSFUL", List.of(), null), STABLE,
            "2/2 tasks of deployment ecs-svc/1111 running"),
        Arguments.of("early success: SUCCESSFUL while the old tasks drain", service(2, 4, ours, old),
            followed("SUCCESSFUL", List.of(), null), STABLE, "succeeded while the old tasks drain (4/2 running)"),
        Arguments.of("an alarm during the bake: rolled back, naming the alarm", bothRunning,
            followed("ROLLBACK_IN_PROGRESS", List.of("web-5xx"), null), ROLLED_BACK,
            "failed and ECS rolled back to web:7 (service deployment ROLLBACK_IN_PROGRESS): alarm web-5xx in ALARM"),
        Arguments.of("the breaker: rolled back, with its count", bothRunning,
            followed("ROLLBACK_SUCCESSFUL", List.of(), new FollowedDeployment.Breaker("TRIGGERED", 3, 3)), ROLLED_BACK,
            "circuit breaker 3/3 failed tasks"),
        Arguments.of("stopped by a person or without rollback", bothRunning, followed("STOPPED", List.of(), null),
            JudgementKind.STOPPED, "was stopped (STOPPED): because"),
        Arguments.of("a status newer than this code: not finished", service(2, 2, ours),
            followed("STOP_IN_PROGRESS", List.of(), null), PENDING, null),
        Arguments.of("our own count still fails it while the breaker is blind", bothRunning,
            followed("IN_PROGRESS", List.of(), new FollowedDeployment.Breaker("MONITORING", 0, 3)), FAILED_TASKS, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("followedCases")
  void whereTheServiceDeploymentIsFollowedItsStatusDecides(String name, ServiceState s, FollowedDeployment sd,
      JudgementKind kind, String why) {
    int failed = name.startsWith("our own count") ? 3 : 0;
    Judgement j = judge.judge(s, WATCH, new Observed(failed, false, null, sd));

    assertThat(j.kind()).isEqualTo(kind);
    if (why != null) {
      assertThat(j.why()).contains(why);
    }
  }

  private static final StopClassifier CLASSIFIER = StopClassifier.withDefaults();

  private static Verdict crashed() {
    return CLASSIFIER.classify(StoppedTask.builder().taskArn("arn:aws:ecs:us-east-1:1:task/prod/t1").cluster("prod")
        .taskDefinitionArn(TD + "web:8").group("service:web").lastStatus("STOPPED").desiredStatus("STOPPED")
        .stopCode("EssentialContainerExited").stoppedReason("Essential container in task exited")
        .stoppedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .containers(List.of(new ContainerExit("app", 1, null, "STOPPED", true, "app"))).build());
  }

  private static Verdict event(String message) {
    return CLASSIFIER.classify(new ServiceEvent("prod", "web", null, message, Instant.parse("2026-01-01T00:00:00Z")));
  }

  static Stream<Arguments> diagnoseCases() {
    String placement = "(service web) was unable to place a task because no container instance met all of its requirements.";
    String started = "(service web) has started 2 tasks: (task a) (task b).";
    return Stream.of(
        Arguments.of("the primary's rollout FAILED", service(2, 2, d("ecs-svc/2", "PRIMARY", "web:2", "FAILED")),
            new Recent(0, 0, null, null, null), FAILED_BREAKER,
            "the circuit breaker failed deployment ecs-svc/2: ECS deployment circuit breaker: task failed to start."),
        Arguments.of("a recent failed task, even with running == desired",
            service(2, 2, d("ecs-svc/2", "PRIMARY", "web:2", "COMPLETED")), new Recent(2, 2, crashed(), null, null),
            FAILED_TASKS, "2 of the last 2 stopped tasks failed: APP_EXIT (exit 1)"),
        Arguments.of("the newest event is a placement failure",
            service(2, 2, d("ecs-svc/2", "PRIMARY", "web:2", "IN_PROGRESS"), d("ecs-svc/1", "ACTIVE", "web:1", "COMPLETED")),
            new Recent(0, 0, null, event(placement), placement), PLACEMENT,
            "the newest service event says PLACEMENT: (service web) was unable to place"),
        Arguments.of("steady", service(2, 2, d("ecs-svc/2", "PRIMARY", "web:2", "COMPLETED")),
            new Recent(0, 5, null, event(started), started), STABLE, "steady: 2/2 running on web:2"),
        Arguments.of("steady at 200 of 200 (counts above 127)", service(200, 200, d("ecs-svc/2", "PRIMARY", "web:2", "COMPLETED")),
            new Recent(0, 0, null, null, null), STABLE, "steady: 200/200 running on web:2"),
        Arguments.of("a rollout without failures is not steady yet",
            service(2, 1, d("ecs-svc/2", "PRIMARY", "web:2", "IN_PROGRESS"), d("ecs-svc/1", "ACTIVE", "web:1", "COMPLETED")),
            new Recent(0, 0, null, event(started), started), PENDING,
            "not steady yet: 2 deployments, 1/2 running, 1 pending; no failed task among the last stopped ones"),
        Arguments.of("an inactive service", service("INACTIVE", 0, 0), new Recent(0, 0, null, null, null), INACTIVE,
            "service is INACTIVE"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("diagnoseCases")
  void diagnoseJudgesTheServiceAsItIsNow(String name, ServiceState s, Recent recent, JudgementKind kind, String why) {
    Judgement j = judge.judgeNow(s, recent);

    assertThat(j.kind()).isEqualTo(kind);
    assertThat(j.why()).startsWith(why);
  }

  @Test
  void anAlertingEventOtherThanPlacementIsItsOwnKind() {
    String unhealthy = "(service web) (task abc) failed elb health checks in (target-group arn:tg).";
    Judgement j = judge.judgeNow(service(2, 2, d("ecs-svc/2", "PRIMARY", "web:2", "COMPLETED")),
        new Recent(0, 0, null, event(unhealthy), unhealthy));

    assertThat(j.kind()).isEqualTo(ALERTING_EVENT);
    assertThat(j.why()).startsWith("the newest service event says HEALTH_CHECK_ELB");
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "SERVICE_DEPLOYMENT_FAILED      | ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1 | ROLLED_BACK",
      "SERVICE_DEPLOYMENT_FAILED      | ECS deployment circuit breaker: taskset failed. Rollback is disabled   | ROLLED_BACK",
      "SERVICE_DEPLOYMENT_FAILED      | ECS deployment circuit breaker: tasks failed to start.                 | FAILED_BREAKER",
      "SERVICE_DEPLOYMENT_IN_PROGRESS | ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/1 | ROLLED_BACK",
      "SERVICE_DEPLOYMENT_IN_PROGRESS | ECS deployment ecs-svc/2 in progress.                                  | PENDING",
      "SERVICE_DEPLOYMENT_COMPLETED   | ECS deployment ecs-svc/2 completed.                                    | STABLE"})
  void theLambdaJudgesDeploymentEventsWithTheSameRules(String name, String reason, JudgementKind kind) {
    DeploymentEvent e = new DeploymentEvent("prod", "web", "INFO", name, "ecs-svc/2", reason, null);

    assertThat(judge.judgeEvent(e).kind()).isEqualTo(kind);
  }

  /** An alarm's failure keeps the breaker's kinds (the gate's verdicts do not change); the words name the alarm. */
  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "SERVICE_DEPLOYMENT_FAILED      | ECS deployment ecs-svc/2 failed: alarm detected.                 | FAILED_BREAKER",
      "SERVICE_DEPLOYMENT_IN_PROGRESS | ECS deployment alarm triggered: rolling back to deploymentId ecs-svc/1 | ROLLED_BACK"})
  void anAlarmsFailureIsSaidToBeTheAlarms(String name, String reason, JudgementKind kind) {
    Judgement j = judge.judgeEvent(new DeploymentEvent("prod", "web", "ERROR", name, "ecs-svc/2", reason, null));

    assertThat(j.kind()).isEqualTo(kind);
    assertThat(j.why()).contains("CloudWatch alarm").doesNotContain("circuit breaker");
  }

  @ParameterizedTest(name = "desired {0} -> threshold {1}")
  @CsvSource({"0, 3", "1, 3", "2, 3", "6, 3", "7, 4", "10, 5", "255, 128", "399, 200", "1000, 200"})
  void breakerThresholdIsHalfTheDesiredCountClampedTo3And200(int desired, int threshold) {
    assertThat(DeploymentJudge.breakerThreshold(desired)).isEqualTo(threshold);
  }
}
