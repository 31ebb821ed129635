package io.ecsgate.gate;

import java.time.Instant;

/**
 * The deployment the gate watches on one service: the one deploy started, or for wait the PRIMARY
 * deployment when the gate began.
 *
 * @param previousTaskDefinition what the service ran before this deployment (rollback target), or null
 * @param breakerRollsBack the service's deployment circuit breaker has rollback enabled: ECS restores
 *     the previous deployment by itself, and a rollback of ours would race it
 */
public record Watched(
    String cluster, String service, String deploymentId, String taskDefinition,
    String previousTaskDefinition, boolean breakerRollsBack, Instant startedAt) {}
