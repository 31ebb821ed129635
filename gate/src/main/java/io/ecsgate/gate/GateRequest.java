package io.ecsgate.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One gating run.
 *
 * @param change null for wait (gate the deployment under way), else what deploy changes
 * @param maxAttempts at most this many polls (0 = no limit but the timeout)
 * @param failAfter failed tasks of our deployment that fail the gate (0 = the circuit breaker's threshold)
 * @param rollback have ECS roll back (else restore the previous task definition) when the gate fails
 *     and ECS did not roll back
 * @param placementGrace how long a placement failure may stay unresolved, nothing of ours placed,
 *     before it fails the deployment
 * @param untilStage a lifecycle stage (--until) that ends the gate once our deployment reaches it, or null
 */
public record GateRequest(
    String cluster, List<String> services, DeployChange change, Duration pollInterval, Duration timeout,
    int maxAttempts, int failAfter, boolean rollback, Duration placementGrace, String untilStage) {

  /** The default of --placement-grace. */
  public static final Duration DEFAULT_PLACEMENT_GRACE = Duration.ofSeconds(60);

  /** The most kept back from --timeout for what follows the polls. */
  private static final Duration MAX_RESERVE = Duration.ofSeconds(30);

  public boolean deploys() {
    return change != null;
  }

  /**
   * When polling stops: the timeout is the end of the whole run, so a fifth of it (at most 30 s) is
   * kept for what follows a verdict or its absence: fetching the stopped tasks' reasons, rolling
   * back, printing the report.
   */
  public Instant pollsEndAt(Instant startedAt) {
    Duration fifth = timeout.dividedBy(5);
    return startedAt.plus(timeout).minus(fifth.compareTo(MAX_RESERVE) < 0 ? fifth : MAX_RESERVE);
  }
}
