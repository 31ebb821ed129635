package io.ecsgate.gate;

import java.time.Instant;

/**
 * The deployment the gate watches on one service: the one deploy started, or for wait the PRIMARY
 * deployment when the gate began.
 *
 * @param previousTaskDefinition what the service ran before this deployment (rollback target), or null
 */
public record Watched(
    String cluster, String service, String deploymentId, String taskDefinition,
    String previousTaskDefinition, Instant startedAt) {}
