package io.ecsgate.sim.internal;

import java.util.List;

/**
 * What becomes of one task a deployment launches.
 *
 * @param kind how the task ends (or that it does not)
 * @param exitCode the essential container's exit code, for {@link Kind#EXITS}
 * @param reason the essential container's reason ({@link Kind#EXITS}: may be null) or the task's
 *     stopped reason ({@link Kind#FAILS_TO_START}: {@code {image}} stands for the fully qualified
 *     image reference)
 * @param afterSeconds simulated seconds the task runs before it fails (from RUNNING), or for
 *     {@link Kind#FAILS_TO_START} from its creation
 * @param logLines what the essential container writes to its awslogs stream, in order
 */
public record TaskFate(Kind kind, int exitCode, String reason, double afterSeconds, List<String> logLines) {

  /** How a task ends. */
  public enum Kind {
    /** Starts, passes its health checks, keeps running. */
    RUNS,
    /** Starts, then its essential container exits on its own. */
    EXITS,
    /** Never starts (image pull, secrets, ENI...): stop code TaskFailedToStart, no exit code. */
    FAILS_TO_START,
    /** Runs but fails its load balancer health checks; the scheduler stops it. */
    FAILS_HEALTH_CHECKS,
    /** The scheduler finds nowhere to put it; no task is created. */
    CANNOT_BE_PLACED
  }

  public TaskFate {
    logLines = List.copyOf(logLines);
  }

  static TaskFate runs(List<String> logLines) {
    return new TaskFate(Kind.RUNS, 0, null, 0, logLines);
  }

  static TaskFate exits(int exitCode, String containerReason, double afterSeconds, List<String> logLines) {
    return new TaskFate(Kind.EXITS, exitCode, containerReason, afterSeconds, logLines);
  }

  static TaskFate failsToStart(String stoppedReason, double afterSeconds) {
    return new TaskFate(Kind.FAILS_TO_START, 0, stoppedReason, afterSeconds, List.of());
  }

  static TaskFate failsHealthChecks(double afterSeconds, List<String> logLines) {
    return new TaskFate(Kind.FAILS_HEALTH_CHECKS, 143, null, afterSeconds, logLines);
  }

  static TaskFate cannotBePlaced() {
    return new TaskFate(Kind.CANNOT_BE_PLACED, 0, null, 0, List.of());
  }
}
