package io.ecsgate.gate;

/** How gating one service ended, and the process exit code it maps to (a documented contract). */
public enum Outcome {
  /** The deployment we started is the only one and running == desired. */
  STABLE(0),
  /** The deployment failed: failed tasks, circuit breaker, rollback, takeover, service gone. */
  FAILED(1),
  /** Neither within the time allowed. */
  TIMED_OUT(2),
  /** The gate could not judge: cluster or service not found, access denied. */
  NOT_GATED(3);

  private final int exitCode;

  Outcome(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The worst of two outcomes decides the process exit code when several services are gated. */
  public Outcome worse(Outcome other) {
    return severity() >= other.severity() ? this : other;
  }

  private int severity() {
    return switch (this) {
      case STABLE -> 0;
      case TIMED_OUT -> 1;
      case FAILED -> 2;
      case NOT_GATED -> 3;
    };
  }
}
