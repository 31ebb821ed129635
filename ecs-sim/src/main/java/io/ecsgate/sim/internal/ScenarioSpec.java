package io.ecsgate.sim.internal;

import java.util.List;

/**
 * Everything a scenario seeds and scripts. Times are simulated seconds.
 *
 * @param name the scenario's name, as {@code Scenarios.named} takes it
 * @param description one line for listings
 * @param serviceState ACTIVE, INACTIVE, or MISSING (no service at all)
 * @param desiredCount the service's desired count
 * @param breakerEnable deploymentCircuitBreaker.enable
 * @param breakerRollback deploymentCircuitBreaker.rollback
 * @param launchType FARGATE or EC2
 * @param loadBalanced whether the service sits behind a target group (port 8080)
 * @param stableImage the image of the running revision
 * @param nextImage the image of the revision registered for the next deploy
 * @param timings how long each step takes
 * @param firstFates the fates of the first tasks a new deployment launches, in order
 * @param thenFate the fate of every later task of a new deployment
 * @param setup how the service is configured beyond the rolling defaults (controller, breaker
 *     threshold, load balancer kind)
 */
public record ScenarioSpec(
    String name,
    String description,
    String serviceState,
    int desiredCount,
    boolean breakerEnable,
    boolean breakerRollback,
    String launchType,
    boolean loadBalanced,
    String stableImage,
    String nextImage,
    Timings timings,
    List<TaskFate> firstFates,
    TaskFate thenFate,
    ServiceSetup setup) {

  public ScenarioSpec {
    firstFates = List.copyOf(firstFates);
    if (desiredCount < 0) {
      throw new IllegalArgumentException("desiredCount must not be negative: " + desiredCount);
    }
  }

  /** The fate of the {@code index}-th task (from 0) a deployment created by UpdateService launches. */
  TaskFate fateOf(int index) {
    return index < firstFates.size() ? firstFates.get(index) : thenFate;
  }

  public ScenarioSpec withDesiredCount(int count) {
    return new ScenarioSpec(name, description, serviceState, count, breakerEnable, breakerRollback,
        launchType, loadBalanced, stableImage, nextImage, timings, firstFates, thenFate, setup);
  }

  public ScenarioSpec withCircuitBreaker(boolean enable, boolean rollback) {
    return new ScenarioSpec(name, description, serviceState, desiredCount, enable, rollback,
        launchType, loadBalanced, stableImage, nextImage, timings, firstFates, thenFate, setup);
  }

  /**
   * What a service of 2025-2026 may be configured with beyond a plain rolling update.
   *
   * @param controller the deployment controller: ECS, or CODE_DEPLOY (task sets, no deployments)
   * @param classicLoadBalancer behind a Classic Load Balancer: ECS then reports no rolloutState
   * @param thresholdType the breaker's thresholdConfiguration type: COUNT, BOUNDED_PERCENT (ECS's
   *     default: a percentage of the desired count clamped to 3..200) or UNBOUNDED_PERCENT
   * @param thresholdValue a count, or a percentage (default 50)
   * @param earlySuccessPercent earlySuccessCriteria.healthyPercent with DEFERRED clean-up, or 0 for none
   * @param staged a BLUE_GREEN, LINEAR or CANARY strategy, or null for ROLLING
   */
  public record ServiceSetup(String controller, boolean classicLoadBalancer, String thresholdType, double thresholdValue,
      int earlySuccessPercent, Staged staged) {
    public static final ServiceSetup ROLLING = new ServiceSetup("ECS", false, "BOUNDED_PERCENT", 50, 0, null);

    ServiceSetup withThreshold(String type, double value) {
      return new ServiceSetup(controller, classicLoadBalancer, type, value, earlySuccessPercent, staged);
    }

    static ServiceSetup staged(Staged staged) {
      return new ServiceSetup("ECS", false, "BOUNDED_PERCENT", 50, 0, staged);
    }
  }

  /**
   * A deployment that goes through lifecycle stages (DG-BG): both revisions run until the bake ends.
   *
   * @param strategy BLUE_GREEN, LINEAR or CANARY
   * @param bakeMinutes bakeTimeInMinutes, after production traffic has shifted
   * @param stepPercent LINEAR: linearConfiguration.stepPercent
   * @param stepBakeMinutes LINEAR: stepBakeTimeInMinutes between steps
   * @param canaryPercent CANARY: canaryConfiguration.canaryPercent
   * @param canaryBakeMinutes CANARY: canaryBakeTimeInMinutes
   * @param alarmName a CloudWatch alarm of deploymentConfiguration.alarms (with rollback), or null
   * @param alarmAfterBakeSeconds the alarm goes to ALARM this long into the bake; negative: never
   * @param pauseStage a PAUSE lifecycle hook's stage, or null
   * @param pauseTimeoutMinutes its timeoutConfiguration.timeoutInMinutes (action ROLLBACK)
   */
  public record Staged(String strategy, double bakeMinutes, double stepPercent, double stepBakeMinutes,
      double canaryPercent, double canaryBakeMinutes, String alarmName, double alarmAfterBakeSeconds, String pauseStage,
      int pauseTimeoutMinutes) {}

  /**
   * Step durations in simulated seconds.
   *
   * @param launchDelay from a deployment's start (or a scale-up) to the scheduler launching tasks
   * @param pendingAfter from a task's creation to PENDING (image pull begins)
   * @param runningAfter from a task's creation to RUNNING
   * @param healthyAfter from RUNNING to counting as healthy (health checks pass)
   * @param drainSeconds from the scheduler stopping a task to STOPPED (deregistration delay)
   * @param relaunchDelay from a failed task stopping to its replacement being launched
   * @param placementRetry between attempts to place a task that cannot be placed
   */
  public record Timings(
      double launchDelay,
      double pendingAfter,
      double runningAfter,
      double healthyAfter,
      double drainSeconds,
      double relaunchDelay,
      double placementRetry) {

    static final Timings NORMAL = new Timings(1, 5, 20, 15, 30, 20, 60);
  }
}
