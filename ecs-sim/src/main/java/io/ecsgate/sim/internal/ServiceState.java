package io.ecsgate.sim.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** One service: configuration, deployments (PRIMARY first) and events (newest first). */
final class ServiceState {
  static final int MAX_EVENTS = 100;

  final String name;
  final String arn;
  final ClusterState cluster;
  final ScenarioSpec spec;
  final long createdAt;
  /** The target group's ARN when the service is load balanced, else null. */
  final String targetGroupArn;
  String status = "ACTIVE";
  int desiredCount;
  String taskDefinitionArn;
  boolean breakerEnable;
  boolean breakerRollback;
  int maximumPercent = 200;
  int minimumHealthyPercent = 100;
  final List<DeploymentState> deployments = new ArrayList<>();
  final Deque<ServiceEvent> events = new ArrayDeque<>();
  /** The last deployment that completed: where the circuit breaker rolls back to. */
  DeploymentState lastCompleted;

  ServiceState(String name, String arn, ClusterState cluster, ScenarioSpec spec, long createdAt, String targetGroupArn) {
    this.name = name;
    this.arn = arn;
    this.cluster = cluster;
    this.spec = spec;
    this.createdAt = createdAt;
    this.targetGroupArn = targetGroupArn;
  }

  DeploymentState primary() {
    return deployments.get(0);
  }

  DeploymentState deployment(String id) {
    return deployments.stream().filter(d -> d.id.equals(id)).findFirst().orElse(null);
  }

  boolean active() {
    return "ACTIVE".equals(status);
  }

  /** Every task this service still remembers, stopped ones included. */
  List<TaskState> tasks() {
    List<TaskState> out = new ArrayList<>();
    for (TaskState task : cluster.tasks.values()) {
      if (name.equals(task.serviceName)) {
        out.add(task);
      }
    }
    return out;
  }

  List<TaskState> tasksOf(DeploymentState deployment) {
    List<TaskState> out = new ArrayList<>();
    for (TaskState task : tasks()) {
      if (deployment.id.equals(task.deploymentId)) {
        out.add(task);
      }
    }
    return out;
  }
}
