package io.ecsgate.classifier;

/**
 * Something ECS said that the classifier judges: a stopped task, a service action, a deployment
 * state change, or a service event message; or what the Lambda's sweep found that no event says (a
 * task running too long, a service below its desired count). Where it came from (EventBridge,
 * DescribeTasks, a file) is not part of it, so the gate and the Lambda always reach the same verdict.
 */
public sealed interface EcsSignal
    permits StoppedTask, ServiceAction, DeploymentEvent, ServiceEvent, LongRunningTask, ServiceBelowDesired {

  /** Cluster ARN or name as the source gave it; may be null. */
  String cluster();

  /** The service name when the signal belongs to a service, else null. */
  String service();

  /**
   * Short name of the kind, as written in JSON output: task, service-action, deployment, service-event,
   * long-running-task, service-below-desired.
   */
  String kind();
}
