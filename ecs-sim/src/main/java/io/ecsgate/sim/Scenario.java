package io.ecsgate.sim;

import io.ecsgate.sim.internal.ScenarioSpec;

/**
 * A scripted case: what a service looks like when loaded and what happens to the deployment that
 * the next UpdateService starts. Get one from {@link Scenarios#named(String)}; immutable.
 */
public final class Scenario {
  private final ScenarioSpec spec;

  Scenario(ScenarioSpec spec) {
    this.spec = spec;
  }

  public String name() {
    return spec.name();
  }

  public String description() {
    return spec.description();
  }

  public int desiredCount() {
    return spec.desiredCount();
  }

  /** The same scenario with another desired count (the circuit breaker threshold follows it). */
  public Scenario withDesiredCount(int desiredCount) {
    return new Scenario(spec.withDesiredCount(desiredCount));
  }

  /** The same scenario with the service's deploymentCircuitBreaker set so. */
  public Scenario withCircuitBreaker(boolean enable, boolean rollback) {
    return new Scenario(spec.withCircuitBreaker(enable, rollback));
  }

  ScenarioSpec spec() {
    return spec;
  }

  @Override
  public String toString() {
    return spec.name() + ": " + spec.description();
  }
}
