package io.ecsgate.lambda;

import java.time.Instant;

/**
 * A deployment the gate ({@code ecs-gate deploy|wait --state-table}) records in this function's
 * table, so that the gate's Slack message is the deployment's one incident and the detector adds
 * to its thread. The gate writes it (item {@code gated#CLUSTER#service:SERVICE / DEPLOYMENT_ID},
 * see {@link DynamoDbState}); the detector only reads it.
 *
 * @param deploymentId {@code ecs-svc/...}, as a stopped task's {@code startedBy} names it
 * @param claimUntil while set and not passed, the gate is gating and will post: the detector holds its additions
 * @param channel where the gate's message is; null until posted
 * @param ts the gate's message; null until posted (or never, when the gate sent none)
 */
record GatedDeployment(
    String cluster, String service, String deploymentId, String jobUrl, String triggeredBy, Instant gatedAt,
    Instant claimUntil, String channel, String ts) {

  /** What the detector does with a failure of this deployment. */
  enum Route {
    /** Reply in the gate's thread: the gate posted. */
    THREAD,
    /** Count it and post nothing yet: the gate is still gating, and its message will report this failure too. */
    HOLD,
    /** As without a gate: the gate sent no message (it passed, had no bot token) or its claim lapsed. */
    OWN
  }

  Route routeAt(Instant now) {
    if (ts != null && channel != null) {
      return Route.THREAD;
    }
    return claimUntil != null && now.isBefore(claimUntil) ? Route.HOLD : Route.OWN;
  }

  static String partition(String cluster, String service) {
    return "gated#" + cluster + "#service:" + service;
  }
}
