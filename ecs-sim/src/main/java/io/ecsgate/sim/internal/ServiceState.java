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
  /** deploymentCircuitBreaker.thresholdConfiguration (2026): COUNT, BOUNDED_PERCENT or UNBOUNDED_PERCENT. */
  String thresholdType;
  double thresholdValue;
  /** deploymentCircuitBreaker.resetOnHealthyTask (2026, default true). */
  boolean resetOnHealthyTask = true;
  /**
   * The "unable to place a task" message last reported, or null once a task could be placed: ECS
   * reports an identical one again only after the cause was resolved or about six hours passed.
   */
  String placementMessage;
  long placementReportedAt;
  final List<DeploymentState> deployments = new ArrayList<>();
  final Deque<ServiceEvent> events = new ArrayDeque<>();
  /** The last deployment that completed: where the circuit breaker rolls back to. */
  DeploymentState lastCompleted;
  /** The deployment whose rollback is under way, until the restored one completes. */
  DeploymentState rollingBackFrom;
  /** Every ServiceDeployment of the service, oldest first; kept after DescribeServices forgets them. */
  final List<ServiceDeploymentRecord> history = new ArrayList<>();
  /** Every deployment it ever had (their revisions stay describable). */
  final List<DeploymentState> knownDeployments = new ArrayList<>();

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

  ScenarioSpec.ServiceSetup setup() {
    return spec.setup();
  }

  boolean codeDeploy() {
    return "CODE_DEPLOY".equals(spec.setup().controller());
  }

  /**
   * The circuit breaker's threshold: by default half the desired count, clamped to 3..200
   * (BOUNDED_PERCENT 50); a COUNT is taken as it is; UNBOUNDED_PERCENT is not clamped (at least 1).
   */
  int breakerThreshold() {
    return switch (thresholdType) {
      case "COUNT" -> Math.max(1, (int) thresholdValue);
      case "UNBOUNDED_PERCENT" -> Math.max(1, (int) Math.ceil(desiredCount * thresholdValue / 100));
      default -> Math.min(200, Math.max(3, (int) Math.ceil(desiredCount * thresholdValue / 100)));
    };
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
