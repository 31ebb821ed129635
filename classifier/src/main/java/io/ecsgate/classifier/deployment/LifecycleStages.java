package io.ecsgate.classifier.deployment;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lifecycle stages of a blue/green, linear or canary ServiceDeployment, in order (API
 * ServiceDeploymentLifecycleStage). Stages are transient and a poll can miss one, so positions are
 * compared, not names.
 */
public final class LifecycleStages {
  public static final List<String> ORDER = List.of("RECONCILE_SERVICE", "PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP",
      "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
      "BAKE_TIME", "CLEAN_UP");

  /** Names for the moments a pipeline waits for, beside the stage names themselves. */
  private static final Map<String, String> ALIASES = Map.of(
      "SCALED_UP", "POST_SCALE_UP",
      "TEST_TRAFFIC_SHIFTED", "POST_TEST_TRAFFIC_SHIFT",
      "PRODUCTION_TRAFFIC_SHIFTED", "POST_PRODUCTION_TRAFFIC_SHIFT");

  private LifecycleStages() {}

  /**
   * The stage a user named (any case, {@code -} or {@code _}; a stage or an alias such as
   * {@code production-traffic-shifted}), or null when it names none.
   */
  public static String parse(String text) {
    if (text == null) {
      return null;
    }
    String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    String stage = ALIASES.getOrDefault(name, name);
    return ORDER.contains(stage) ? stage : null;
  }

  /** Every name {@link #parse} takes, in kebab case, for help and errors. */
  public static List<String> names() {
    return java.util.stream.Stream.concat(ORDER.stream(), ALIASES.keySet().stream().sorted())
        .map(s -> s.toLowerCase(Locale.ROOT).replace('_', '-')).toList();
  }

  /** Whether {@code current} is {@code target} or later; false for no stage (a ROLLING deployment). */
  public static boolean reached(String current, String target) {
    return current != null && ORDER.contains(current) && ORDER.indexOf(current) >= ORDER.indexOf(target);
  }
}
