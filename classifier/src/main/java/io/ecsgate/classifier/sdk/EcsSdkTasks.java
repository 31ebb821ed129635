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

  public static StoppedTask fromSdk(Task task) {
    return fromSdk(task, null);
  }

  /**
   * With the task definition at hand, each container learns whether it is essential, which neither
   * DescribeTasks nor the events say; the verdict then ignores sidecars by fact, not by guess.
   */
  public static StoppedTask fromSdk(Task task, TaskDefinition definition) {
    Map<String, Boolean> essential = essentialFlags(definition);
    List<ContainerExit> containers = task.containers().stream()
        .map(c -> toExit(c, essential.get(c.name())))
        .toList();
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
   * The same for a task that came from an event: its containers take the definition's flags (a
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

  private static ContainerExit toExit(Container c, Boolean essential) {
    return new ContainerExit(c.name(), c.exitCode(), c.reason(), c.lastStatus(), essential, c.image());
  }
}
