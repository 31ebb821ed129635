package io.ecsgate.classifier.report;

/**
 * How gating (or diagnosing) one service ended. The CLI maps it to its exit code (a documented
 * contract); the order of severity decides the overall outcome of several services.
 */
public enum Outcome {
  /** The deployment we started is the only one and running == desired. */
  STABLE,
  /** Our deployment reached the stage asked for (--until) and ECS finishes it: a pass, told apart. */
  REACHED,
  /** The deployment failed: failed tasks, circuit breaker, rollback, takeover, service gone. */
  FAILED,
  /** Neither within the time allowed. */
  TIMED_OUT,
  /** The job was stopped (SIGTERM, Ctrl-C) before a verdict. */
  CANCELLED,
  /** The gate could not judge: cluster or service not found, access denied. */
  NOT_GATED;

  /** STABLE or REACHED: nothing for the job to fail on. */
  public boolean passed() {
    return this == STABLE || this == REACHED;
  }

  /** The worst of two outcomes decides the process exit code when several services are gated. */
  public Outcome worse(Outcome other) {
    return severity() >= other.severity() ? this : other;
  }

  private int severity() {
    return switch (this) {
      case STABLE -> 0;
      case REACHED -> 1;
      case TIMED_OUT -> 2;
      case CANCELLED -> 3;
      case FAILED -> 4;
      case NOT_GATED -> 5;
    };
  }
}
