package io.ecsgate.classifier;

/**
 * Something ECS said that the classifier judges: a stopped task, a service action, a deployment
 * or lifecycle hook state change, or a service event message; or what the Lambda's sweep found
 * that no event says (a task running too long, a service below its desired count). Where it came from (EventBridge,
 * DescribeTasks, a file) is not part of it, so the gate and the Lambda always reach the same verdict.
 */
public sealed interface EcsSignal
    permits StoppedTask, ServiceAction, DeploymentEvent, HookEvent, ServiceEvent, LongRunningTask,
        ServiceBelowDesired {

  /** Cluster ARN or name as the source gave it; may be null. */
  String cluster();

  /** The service name when the signal belongs to a service, else null. */
  String service();

  /**
   * Short name of the kind, as written in JSON output: task, service-action, deployment, hook,
   * service-event, long-running-task, service-below-desired.
   */
  String kind();

  // The fields only some kinds carry: each record that has one answers with its own component.

  /** The task's group ({@code service:NAME}, {@code family:NAME}), or null. */
  default String group() {
    return null;
  }

  /** The task definition ARN (or family:revision) the signal names, or null. */
  default String taskDefinitionArn() {
    return null;
  }

  /** The event's name (SERVICE_TASK_PLACEMENT_FAILURE, SERVICE_DEPLOYMENT_FAILED...), or null. */
  default String eventName() {
    return null;
  }
}
