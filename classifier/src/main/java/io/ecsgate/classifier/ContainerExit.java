package io.ecsgate.classifier;

import java.util.Objects;

/**
 * One container of a stopped task, as ECS reports it. Every field but the name may be missing:
 * {@code exitCode} is null when the container never ran or never exited, {@code essential} is null
 * when the source does not say (EventBridge events and DescribeTasks never do; the task definition
 * does).
 */
public record ContainerExit(
    String name, Integer exitCode, String reason, String lastStatus, Boolean essential, String image) {

  public ContainerExit {
    Objects.requireNonNull(name, "name");
  }

  /** A copy that knows whether the container is essential, e.g. from the task definition. */
  public ContainerExit withEssential(Boolean essential) {
    return new ContainerExit(name, exitCode, reason, lastStatus, essential, image);
  }
}
