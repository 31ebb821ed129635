package io.ecsgate.gate;

import java.time.Duration;
import java.util.List;

/**
 * One gating run.
 *
 * @param change null for wait (gate the deployment under way), else what deploy changes
 * @param maxAttempts at most this many polls (0 = no limit but the timeout)
 * @param failAfter failed tasks of our deployment that fail the gate (0 = the circuit breaker's threshold)
 * @param rollback restore the previous task definition when the gate fails and ECS did not roll back
 */
public record GateRequest(
    String cluster, List<String> services, DeployChange change, Duration pollInterval, Duration timeout,
    int maxAttempts, int failAfter, boolean rollback) {

  public boolean deploys() {
    return change != null;
  }
}
