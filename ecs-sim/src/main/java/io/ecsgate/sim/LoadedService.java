package io.ecsgate.sim;

/**
 * What {@link EcsSimulator#load} seeded.
 *
 * @param clusterArn the cluster's ARN
 * @param serviceArn the service's ARN (also for {@code missing-service}, where no such service exists)
 * @param taskDefinitionArn the revision the service runs
 * @param nextTaskDefinitionArn a newer revision of the same family, registered for the next deploy
 */
public record LoadedService(String clusterArn, String serviceArn, String taskDefinitionArn, String nextTaskDefinitionArn) {}
