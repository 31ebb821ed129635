package io.ecsgate.sim;

import io.ecsgate.sim.internal.ScenarioCatalog;
import io.ecsgate.sim.internal.ScenarioSpec;
import java.util.List;

/** The named scenarios. */
public final class Scenarios {
  private Scenarios() {}

  /** The scenario called {@code name}; see {@link #names()}. */
  public static Scenario named(String name) {
    ScenarioSpec spec = ScenarioCatalog.find(name);
    if (spec == null) {
      throw new IllegalArgumentException("no scenario named '" + name + "'; known: " + String.join(", ", names()));
    }
    return new Scenario(spec);
  }

  /** Every scenario's name, in a stable order. */
  public static List<String> names() {
    return ScenarioCatalog.names();
  }
}
