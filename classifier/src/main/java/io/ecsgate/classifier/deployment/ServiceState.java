package io.ecsgate.classifier.deployment;

import io.ecsgate.classifier.Arns;
import java.util.List;
import java.util.Optional;

/**
 * One DescribeServices snapshot of a service, without SDK types: what the judge reads. Counts are
 * plain ints (the SDK's boxed {@code Integer}s compared with {@code ==} are false above 127).
 *
 * @param status ACTIVE, DRAINING or INACTIVE
 * @param taskDefinition the service's task definition (that of its PRIMARY deployment)
 * @param deployments as DescribeServices lists them
 */
public record ServiceState(
    String name, String status, int desiredCount, int runningCount, int pendingCount, String taskDefinition,
    List<DeploymentState> deployments) {

  public ServiceState {
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
  }

  public boolean isActive() {
    return "ACTIVE".equals(status);
  }

  /** The deployment ECS is rolling out now (the one and only PRIMARY lookup). */
  public Optional<DeploymentState> primary() {
    return deployments.stream().filter(DeploymentState::isPrimary).findFirst();
  }

  /** The deployment with this id, if the service still lists it. */
  public Optional<DeploymentState> deployment(String id) {
    return deployments.stream().filter(d -> d.id() != null && d.id().equals(id)).findFirst();
  }

  /** The deployment being replaced (the first ACTIVE one): what a rollback would restore. */
  public Optional<DeploymentState> previous() {
    return deployments.stream().filter(DeploymentState::isActive).findFirst();
  }

  /** {@code family:revision} of the service's task definition. */
  public String taskDefinitionName() {
    return Arns.taskDefinition(primary().map(DeploymentState::taskDefinition).orElse(taskDefinition));
  }
}
