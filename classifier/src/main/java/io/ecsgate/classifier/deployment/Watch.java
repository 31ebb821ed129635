package io.ecsgate.classifier.deployment;

/**
 * The deployment the gate follows on one service, and when to give up on its tasks.
 *
 * @param previousTaskDefinition what the service ran before it (tells a rollback from a takeover), or null
 * @param failAfter failed tasks (or placement failures) that fail the deployment
 */
public record Watch(String deploymentId, String previousTaskDefinition, int failAfter) {}
