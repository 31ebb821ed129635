package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.sim.EcsSimulator;
import io.ecsgate.sim.Scenarios;
import io.ecsgate.sim.SimulatorOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real gate (deploy and wait through Main.run, the SDK over HTTP) against every scenario of
 * the ECS simulator, at 100x real time: the verdict, its reason and the exit code.
 */
class GateScenariosIT {
  /** 100x: a 5 s poll is 50 ms, the 15 min timeout 9 s. */
  private static final double SCALE = 0.01;

  @BeforeAll
  static void dummyCredentials() {
    // The default credential chain reads these; nothing real is ever called.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void clearCredentials() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  record Run(int exitCode, String out, String err) {}

  private static Run gate(EcsSimulator sim, String command, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of(command, "--cluster", "demo", "--service", "web",
        "--endpoint-url", sim.endpoint().toString(), "--region", sim.region()));
    boolean gating = !command.equals("continue") && !command.equals("rollback");
    if (gating) {
      // 60 simulated seconds at SCALE 0.01 would be 0.6 s; as a real-time grace 60 s is too long here.
      args.addAll(List.of("--poll-interval", "50ms", "--placement-grace", "600ms"));
    }
    if (gating && !List.of(extra).contains("--timeout")) {
      args.addAll(List.of("--timeout", "9s"));
    }
    args.addAll(List.of(extra));
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static EcsSimulator simulator(String scenario) {
    EcsSimulator sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(SCALE));
    sim.load(Scenarios.named(scenario), "demo", "web");
    return sim;
  }

  /**
   * The verdict column is a regular expression: either of two right reasons may decide first (the
   * gate's own count, or ECS's rollback, whichever a poll sees first). ';' separates the columns so
   * that '|' can stay an alternation.
   */
  @ParameterizedTest(name = "{0} -> exit {1}")
  @CsvSource(delimiter = ';', textBlock = """
      healthy                  ; 0 ; STABLE
      slow                     ; 0 ; STABLE
      transient-failure        ; 0 ; STABLE
      crash-loop               ; 1 ; failed \\(threshold 3\\)
      image-pull               ; 1 ; failed for a cause retrying cannot fix: IMAGE_PULL
      oom                      ; 1 ; failed \\(threshold 3\\)
      elb-health-check         ; 1 ; failed \\(threshold 3\\)
      circuit-breaker-rollback ; 1 ; ECS rolled back to web:1|failed \\(threshold 3\\)
      placement-failure        ; 1 ; could not place tasks
      classic-load-balancer    ; 0 ; STABLE
      breaker-threshold-1      ; 1 ; ECS rolled back to web:1|retrying cannot fix: RESOURCE_INIT
      early-success            ; 0 ; STABLE
      code-deploy              ; 3 ; uses the CODE_DEPLOY deployment controller: its deployments are AWS CodeDeploy
      blue-green               ; 0 ; STABLE
      blue-green-alarm-rollback ; 1 ; ECS rolled back to web:1
      linear                   ; 0 ; STABLE
      canary-crash             ; 1 ; failed \\(threshold 3\\)
      missing-service          ; 3 ; service web not found in cluster demo
      inactive-service         ; 3 ; service web is INACTIVE
      """)
  void deployGivesTheRightVerdictForEveryScenario(String scenario, int exitCode, String verdict) {
    try (EcsSimulator sim = simulator(scenario)) {
      Run run = gate(sim, "deploy");

      assertThat(run.exitCode()).as("stdout:%n%s%nstderr:%n%s", run.out(), run.err()).isEqualTo(exitCode);
      assertThat(run.out()).containsPattern(verdict);
      assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }
  }

  @Test
  void aRollbackByTheCircuitBreakerIsAFailureNotASuccess() {
    try (EcsSimulator sim = simulator("circuit-breaker-rollback")) {
      // With our own threshold out of reach, only the rollback itself can decide.
      Run run = gate(sim, "deploy", "--fail-after", "100");

      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(run.out()).contains("failed and ECS rolled back to web:1");
    }
  }

  @Test
  void aPauseHookIsShownWithTheCommandThatGoesOnAndContinueDoesIt() {
    try (EcsSimulator sim = simulator("pause-hook")) {
      Run paused = gate(sim, "deploy", "--timeout", "3s");

      assertThat(paused.exitCode()).as(paused.err()).isEqualTo(2);
      assertThat(paused.err()).containsOnlyOnce("paused: lifecycle hook ")
          .contains("Go on with: ecs-gate continue --cluster demo --service web");
      assertThat(paused.out()).contains("TIMED_OUT").contains("paused at lifecycle hook");

      Run resumed = gate(sim, "continue");
      assertThat(resumed.exitCode()).as(resumed.err()).isZero();
      assertThat(resumed.out()).startsWith("continued past lifecycle hook ");

      Run waited = gate(sim, "wait");
      assertThat(waited.exitCode()).as(waited.err()).isZero();
      assertThat(waited.out()).contains("STABLE");
      assertThat(gate(sim, "continue").exitCode()).as("nothing waits any more").isEqualTo(3);
    }
  }

  @Test
  void untilAStageEndsTheGateWithReachedAndLeavesTheBakeToEcs() {
    try (EcsSimulator sim = simulator("blue-green")) {
      Run run = gate(sim, "deploy", "--until", "production-traffic-shifted");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("REACHED    demo/web: deployment").contains("(--until POST_PRODUCTION_TRAFFIC_SHIFT)");
    }
    try (EcsSimulator sim = simulator("blue-green-alarm-rollback")) {
      Run run = gate(sim, "deploy", "--until", "clean-up");

      assertThat(run.exitCode()).as("the alarm rolls it back before clean-up: %s", run.err()).isEqualTo(1);
    }
    try (EcsSimulator sim = simulator("healthy")) {
      Run run = gate(sim, "deploy", "--until", "bake-time");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.err()).contains("--until BAKE_TIME: this deployment reports no lifecycle stages (ROLLING)");
      assertThat(run.out()).contains("STABLE");
    }
    try (EcsSimulator sim = simulator("healthy")) {
      Run run = gate(sim, "deploy", "--until", "deployed");

      assertThat(run.exitCode()).isEqualTo(64);
      assertThat(run.err()).contains("'deployed' is not a lifecycle stage; one of: reconcile-service");
    }
  }

  @Test
  void rollbackHasEcsRollBackTheDeploymentUnderWay() {
    try (EcsSimulator sim = simulator("crash-loop")) {
      assertThat(gate(sim, "deploy", "--max-attempts", "1").exitCode()).isEqualTo(2);

      Run rollback = gate(sim, "rollback");
      assertThat(rollback.exitCode()).as(rollback.err()).isZero();
      assertThat(rollback.out()).startsWith("asked ECS to roll back ").contains("StopServiceDeployment ROLLBACK");

      Run waited = gate(sim, "wait");
      assertThat(waited.exitCode()).as("the restored deployment settles: %s", waited.err()).isZero();
      assertThat(waited.out()).contains("STABLE").contains("task definition web:1");
    }
  }

  @Test
  void stoppedTasksAreShownOnceEachAsTheyHappen() {
    try (EcsSimulator sim = simulator("crash-loop")) {
      Run run = gate(sim, "deploy");

      List<String> stops = run.err().lines().filter(l -> l.contains(" stopped: ")).toList();
      assertThat(stops).hasSizeGreaterThanOrEqualTo(3).allMatch(l -> l.contains("APP_EXIT exit 1"));
      assertThat(stops).doesNotHaveDuplicates();
      List<String> states = run.err().lines().filter(l -> l.contains("running ")).map(l -> l.substring(8)).toList();
      for (int i = 1; i < states.size(); i++) {
        assertThat(states.get(i)).as("a progress line only when something changed").isNotEqualTo(states.get(i - 1));
      }
    }
  }

  @Test
  void throttlingAndServerErrorsWhilePollingNeverBecomeAVerdict() {
    try (EcsSimulator sim = simulator("healthy")) {
      sim.faults().throttleEvery(2, "DescribeServices", "ListTasks");
      sim.faults().serverErrorEvery(3, "DescribeServices");

      Run run = gate(sim, "deploy");

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(sim.faults().injectedCount()).isPositive();
    }
    try (EcsSimulator sim = simulator("crash-loop")) {
      sim.faults().throttleEvery(2);

      assertThat(gate(sim, "deploy").exitCode()).isEqualTo(1);
    }
  }

  @Test
  void persistentErrorsAreShownAndTheGateTimesOutInsteadOfGuessing() {
    try (EcsSimulator sim = simulator("healthy")) {
      sim.faults().unavailableEvery(1, "DescribeServices");

      Run run = gate(sim, "wait", "--timeout", "2s");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).contains("AWS error while polling");
      assertThat(run.err().lines().filter(l -> l.contains("AWS error while polling")).count())
          .as("the same error is shown once, not per poll").isEqualTo(1);
    }
  }

  @Test
  void accessDeniedCannotBeGated() {
    try (EcsSimulator sim = simulator("healthy")) {
      sim.faults().denyAccess("DescribeServices");

      Run run = gate(sim, "deploy");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out()).contains("access denied");
    }
  }

  @Test
  void waitGatesADeploymentStartedElsewhere() {
    try (EcsSimulator sim = simulator("circuit-breaker-rollback")) {
      assertThat(gate(sim, "deploy", "--max-attempts", "1").exitCode()).as("started, then gave up").isEqualTo(2);

      Run run = gate(sim, "wait", "--fail-after", "100");

      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(run.out()).contains("rolled back");
    }
  }

  @Test
  void failAfterOneFailsOnTheFirstFailedTask() {
    try (EcsSimulator sim = simulator("transient-failure")) {
      Run run = gate(sim, "deploy", "--fail-after", "1");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).contains("1 task of deployment").contains("(threshold 1)");
    }
  }

  @Test
  void rollbackUsesEcsOwnRollbackElseThePreviousTaskDefinition() {
    try (EcsSimulator sim = simulator("crash-loop")) {
      Run run = gate(sim, "deploy", "--image", "app=registry.example/app:bad", "--rollback");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).as("ECS's own rollback where the ServiceDeployments API answers")
          .contains("asked ECS to roll back web (StopServiceDeployment ROLLBACK of arn:aws:ecs:");
    }
    try (EcsSimulator sim = simulator("crash-loop")) {
      sim.faults().denyAccess("StopServiceDeployment");
      Run run = gate(sim, "deploy", "--image", "app=registry.example/app:bad", "--rollback");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).as("else the previous revision").contains("ecs-gate rolled back web to web:1");
      assertThat(run.err()).contains("ECS's own rollback was refused");
    }
    try (EcsSimulator sim = simulator("circuit-breaker-rollback")) {
      Run run = gate(sim, "deploy", "--rollback", "--fail-after", "100");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.out()).contains("ECS already rolled back").doesNotContain("ecs-gate rolled back");
    }
    try (EcsSimulator sim = simulator("crash-loop")) {
      Run run = gate(sim, "deploy", "--rollback");

      assertThat(run.out()).as("same revision: nothing to go back to")
          .contains("no rollback: the deployment ran the same task definition as before (web:1)");
    }
  }

  @Test
  void imageOverrideNamingAnUnknownContainerCannotBeGated() {
    try (EcsSimulator sim = simulator("healthy")) {
      Run run = gate(sim, "deploy", "--image", "nope=app:2");

      assertThat(run.exitCode()).isEqualTo(3);
      assertThat(run.out()).contains("has no container named nope");
    }
  }
}
