package io.ecsgate.classifier.deployment;

/**
 * The deployment the gate follows on one service, and when to give up on its tasks.
 *
 * @param previousTaskDefinition what the service ran before it (tells a rollback from a takeover), or null
 * @param failAfter failed tasks that fail the deployment
 * @param untilStage a lifecycle stage (--until): reaching it ends the gate, or null to wait for the end
 */
public record Watch(String deploymentId, String previousTaskDefinition, int failAfter, String untilStage) {
  public Watch(String deploymentId, String previousTaskDefinition, int failAfter) {
    this(deploymentId, previousTaskDefinition, failAfter, null);
  }
}
