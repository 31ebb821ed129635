package io.ecsgate.sim.internal;

import java.util.List;

/** One task, as DescribeTasks shows it. Times are epoch milliseconds, 0 when not reached. */
final class TaskState {
  final String arn;
  final String id;
  final ClusterState cluster;
  final String serviceName;
  final String deploymentId;
  final String taskDefinitionArn;
  final String launchType;
  final String containerInstanceArn;
  final String availabilityZone;
  final TaskFate fate;
  final List<ContainerState> containers;
  final long createdAt;
  String lastStatus = "PROVISIONING";
  String desiredStatus = "RUNNING";
  long connectivityAt;
  long pullStartedAt;
  long pullStoppedAt;
  long startedAt;
  long stoppingAt;
  long executionStoppedAt;
  long stoppedAt;
  String stopCode;
  String stoppedReason;
  /** Passed its health checks: counts toward the deployment's healthy tasks. */
  boolean healthy;
  long version = 1;

  TaskState(String arn, String id, ClusterState cluster, String serviceName, String deploymentId,
      String taskDefinitionArn, String launchType, String containerInstanceArn, String availabilityZone,
      TaskFate fate, List<ContainerState> containers, long createdAt) {
    this.arn = arn;
    this.id = id;
    this.cluster = cluster;
    this.serviceName = serviceName;
    this.deploymentId = deploymentId;
    this.taskDefinitionArn = taskDefinitionArn;
    this.launchType = launchType;
    this.containerInstanceArn = containerInstanceArn;
    this.availabilityZone = availabilityZone;
    this.fate = fate;
    this.containers = List.copyOf(containers);
    this.createdAt = createdAt;
  }

  /** Desired RUNNING: the scheduler counts it as one of the deployment's tasks. */
  boolean live() {
    return "RUNNING".equals(desiredStatus);
  }

  boolean stopped() {
    return "STOPPED".equals(lastStatus);
  }

  boolean running() {
    return "RUNNING".equals(lastStatus);
  }

  boolean pending() {
    return "PROVISIONING".equals(lastStatus) || "PENDING".equals(lastStatus) || "ACTIVATING".equals(lastStatus);
  }

  ContainerState essentialContainer() {
    return containers.stream().filter(c -> c.essential).findFirst().orElse(containers.get(0));
  }
}
