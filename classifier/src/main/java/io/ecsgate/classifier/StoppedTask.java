package io.ecsgate.classifier;

import io.ecsgate.classifier.Arns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A task that stopped (or is being stopped), from an EventBridge {@code ECS Task State Change}
 * event or a DescribeTasks task. Missing fields are normal and stay null.
 */
public record StoppedTask(
    String taskArn,
    String cluster,
    String taskDefinitionArn,
    String group,
    String startedBy,
    String lastStatus,
    String desiredStatus,
    String stopCode,
    String stoppedReason,
    List<ContainerExit> containers,
    String launchType,
    String capacityProviderName,
    Instant createdAt,
    Instant startedAt,
    Instant stoppingAt,
    Instant stoppedAt)
    implements EcsSignal {

  public StoppedTask {
    containers = containers == null ? List.of() : List.copyOf(containers);
  }

  @Override
  public String kind() {
    return "task";
  }

  /** The service name when the task belongs to a service ({@code group} is {@code service:NAME}). */
  @Override
  public String service() {
    return group != null && group.startsWith("service:") ? group.substring("service:".length()) : null;
  }

  /**
   * Whether a task state change is a stop: ECS has decided to stop the task (or already has). Both
   * event readers (the full parser and the archive's fast path) ask this one question.
   */
  public boolean isStop() {
    return "STOPPED".equals(lastStatus) || "STOPPED".equals(desiredStatus)
        || "DEPROVISIONING".equals(lastStatus) || stopCode != null;
  }

  /** The short task id, the last part of the ARN. */
  public String taskId() {
    return Arns.lastSegment(taskArn);
  }

  /**
   * Whether the task definition's essential flags could change this task's verdict: it has more
   * than one container and none knows yet whether it is essential. With one container there is
   * nothing to choose between (ECS requires at least one essential container).
   */
  public boolean needsEssentialFlags() {
    if (containers.size() < 2) {
      return false;
    }
    for (ContainerExit c : containers) {
      if (c.essential() != null) {
        return false;
      }
    }
    return true;
  }

  /** A copy with the containers replaced, e.g. once essential flags are known. */
  public StoppedTask withContainers(List<ContainerExit> newContainers) {
    return toBuilder().containers(newContainers).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.taskArn = taskArn;
    b.cluster = cluster;
    b.taskDefinitionArn = taskDefinitionArn;
    b.group = group;
    b.startedBy = startedBy;
    b.lastStatus = lastStatus;
    b.desiredStatus = desiredStatus;
    b.stopCode = stopCode;
    b.stoppedReason = stoppedReason;
    b.containers = containers;
    b.launchType = launchType;
    b.capacityProviderName = capacityProviderName;
    b.createdAt = createdAt;
    b.startedAt = startedAt;
    b.stoppingAt = stoppingAt;
    b.stoppedAt = stoppedAt;
    return b;
  }

  /** Builds a task field by field; the mappers and tests use it. */
  public static final class Builder {
    private String taskArn;
    private String cluster;
    private String taskDefinitionArn;
    private String group;
    private String startedBy;
    private String lastStatus;
    private String desiredStatus;
    private String stopCode;
    private String stoppedReason;
    private List<ContainerExit> containers = List.of(); // the task copies it, unless it is already immutable
    private String launchType;
    private String capacityProviderName;
    private Instant createdAt;
    private Instant startedAt;
    private Instant stoppingAt;
    private Instant stoppedAt;

    private Builder() {}

    public Builder taskArn(String v) { taskArn = v; return this; }
    public Builder cluster(String v) { cluster = v; return this; }
    public Builder taskDefinitionArn(String v) { taskDefinitionArn = v; return this; }
    public Builder group(String v) { group = v; return this; }
    public Builder startedBy(String v) { startedBy = v; return this; }
    public Builder lastStatus(String v) { lastStatus = v; return this; }
    public Builder desiredStatus(String v) { desiredStatus = v; return this; }
    public Builder stopCode(String v) { stopCode = v; return this; }
    public Builder stoppedReason(String v) { stoppedReason = v; return this; }
    public Builder containers(List<ContainerExit> v) { containers = List.copyOf(v); return this; }
    public Builder container(ContainerExit v) {
      List<ContainerExit> more = new ArrayList<>(containers);
      more.add(v);
      containers = more;
      return this;
    }
    public Builder launchType(String v) { launchType = v; return this; }
    public Builder capacityProviderName(String v) { capacityProviderName = v; return this; }
    public Builder createdAt(Instant v) { createdAt = v; return this; }
    public Builder startedAt(Instant v) { startedAt = v; return this; }
    public Builder stoppingAt(Instant v) { stoppingAt = v; return this; }
    public Builder stoppedAt(Instant v) { stoppedAt = v; return this; }

    public StoppedTask build() {
      return new StoppedTask(taskArn, cluster, taskDefinitionArn, group, startedBy, lastStatus,
          desiredStatus, stopCode, stoppedReason, containers, launchType, capacityProviderName,
          createdAt, startedAt, stoppingAt, stoppedAt);
    }
  }
}
