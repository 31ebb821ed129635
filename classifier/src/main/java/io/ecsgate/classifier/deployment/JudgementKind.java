package io.ecsgate.classifier.deployment;

import io.ecsgate.classifier.report.Outcome;

/** What the judge decided about a deployment; {@link #outcome()} is how a report counts it. */
public enum JudgementKind {
  /** Our deployment is the only one and every task runs (or ECS says it COMPLETED). */
  STABLE,
  /** No verdict yet: tasks starting, old ones draining, nothing failed. */
  PENDING,
  /** Our deployment reached the lifecycle stage asked for (--until): ECS finishes it, the gate is done. */
  REACHED_STAGE,
  /** The service is INACTIVE or DRAINING: it is being deleted. */
  INACTIVE,
  /** The service no longer lists our deployment, and nothing says who replaced it. */
  DEPLOYMENT_GONE,
  /** Ours failed and ECS restored another deployment (the circuit breaker's rollback). */
  ROLLED_BACK,
  /** Our service deployment was stopped: by a person, or failed with no rollback configured. */
  STOPPED,
  /** Another deployment became PRIMARY while ours had not failed: someone deployed meanwhile. */
  TAKEN_OVER,
  /** The circuit breaker set our deployment's rollout state to FAILED. */
  FAILED_BREAKER,
  /** Enough tasks of our deployment stopped with a failure (our own count, via the classifier). */
  FAILED_TASKS,
  /** ECS could not place our tasks (no stopped task ever reveals it). */
  PLACEMENT,
  /** The newest service event is one the classifier alerts on (diagnose). */
  ALERTING_EVENT;

  /** STABLE, FAILED, or null while PENDING (the caller decides what "no verdict" means for it). */
  public Outcome outcome() {
    return switch (this) {
      case STABLE -> Outcome.STABLE;
      case REACHED_STAGE -> Outcome.REACHED;
      case PENDING -> null;
      default -> Outcome.FAILED;
    };
  }

  public boolean isFinal() {
    return this != PENDING;
  }
}
