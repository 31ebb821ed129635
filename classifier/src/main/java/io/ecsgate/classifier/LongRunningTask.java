package io.ecsgate.classifier;

import java.time.Duration;
import java.time.Instant;

/**
 * A task still running after longer than allowed (a migration that never ended, a forgotten manual
 * run), as the Lambda's sweep finds it in ListTasks/DescribeTasks: no ECS event reports it. The
 * sweep builds one only for a task past its limit; the classifier and the user's rules decide
 * whether it alerts.
 *
 * @param cluster cluster ARN or name
 * @param group the task's group: {@code family:NAME} for a one-off task, {@code service:NAME} for a service's
 * @param runningFor how long it has run when the sweep looked
 * @param limit how long a task may run (the sweep's setting)
 */
public record LongRunningTask(
    String cluster, String taskArn, String taskDefinitionArn, String group, String startedBy, Instant startedAt,
    Duration runningFor, Duration limit)
    implements EcsSignal {

  @Override
  public String kind() {
    return "long-running-task";
  }

  /** The service name when the task belongs to a service ({@code group} is {@code service:NAME}). */
  @Override
  public String service() {
    return group != null && group.startsWith("service:") ? group.substring("service:".length()) : null;
  }

  /** The short task id, the last part of the ARN. */
  public String taskId() {
    return Arns.lastSegment(taskArn);
  }
}
