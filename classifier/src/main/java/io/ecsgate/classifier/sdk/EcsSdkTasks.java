package io.ecsgate.classifier.sdk;

import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.StoppedTask;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Maps a DescribeTasks {@link Task} of the AWS SDK for Java v2 onto the classifier's model. Only
 * SDK model classes are touched: no client, no network.
 */
public final class EcsSdkTasks {
  private EcsSdkTasks() {}

  /**
   * The task as DescribeTasks tells it: which containers are essential it does not say (nor do the
   * events); {@link #withEssentialFlags} adds that from the task definition.
   */
  public static StoppedTask fromSdk(Task task) {
    List<ContainerExit> containers = task.containers().stream().map(EcsSdkTasks::toExit).toList();
    return StoppedTask.builder()
        .taskArn(task.taskArn())
        .cluster(task.clusterArn())
        .taskDefinitionArn(task.taskDefinitionArn())
        .group(task.group())
        .startedBy(task.startedBy())
        .lastStatus(task.lastStatus())
        .desiredStatus(task.desiredStatus())
        .stopCode(task.stopCodeAsString())
        .stoppedReason(task.stoppedReason())
        .containers(containers)
        .launchType(task.launchTypeAsString())
        .capacityProviderName(task.capacityProviderName())
        .createdAt(task.createdAt())
        .startedAt(task.startedAt())
        .stoppingAt(task.stoppingAt())
        .stoppedAt(task.stoppedAt())
        .build();
  }

  /**
   * With the task definition at hand, each container learns whether it is essential, so the verdict
   * ignores sidecars by fact, not by guess: for a task from DescribeTasks or from an event alike (a
   * container the definition does not name keeps what it had). Null definition: the task as it is.
   */
  public static StoppedTask withEssentialFlags(StoppedTask task, TaskDefinition definition) {
    if (definition == null) {
      return task;
    }
    Map<String, Boolean> essential = essentialFlags(definition);
    return task.withContainers(task.containers().stream()
        .map(c -> essential.containsKey(c.name()) ? c.withEssential(essential.get(c.name())) : c)
        .toList());
  }

  /** Container name to essential, as ECS applies it: a container without the flag is essential. */
  public static Map<String, Boolean> essentialFlags(TaskDefinition definition) {
    Map<String, Boolean> essential = new HashMap<>();
    if (definition != null) {
      for (ContainerDefinition d : definition.containerDefinitions()) {
        essential.put(d.name(), d.essential() == null || d.essential());
      }
    }
    return essential;
  }

  private static ContainerExit toExit(Container c) {
    return new ContainerExit(c.name(), c.exitCode(), c.reason(), c.lastStatus(), null, c.image());
  }
}
