package io.ecsgate.sim.internal;

import java.util.List;

/** The lifecycle stages of a ServiceDeployment, in order (API ServiceDeploymentLifecycleStage). */
final class Stages {
  static final List<String> ORDER = List.of("RECONCILE_SERVICE", "PRE_SCALE_UP", "SCALE_UP", "POST_SCALE_UP",
      "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
      "BAKE_TIME", "CLEAN_UP");

  private Stages() {}

  static boolean atLeast(String stage, String other) {
    return ORDER.indexOf(stage) >= ORDER.indexOf(other);
  }
}
