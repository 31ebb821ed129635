package io.ecsgate.classifier.internal;

import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.StoppedTask;
import java.util.List;

/**
 * Which container was the essential one when nothing says so: events and DescribeTasks never carry
 * the essential flags, and an archived event has no task definition to read them from.
 *
 * <p>The rule: the task stopped with {@code EssentialContainerExited}, it has two containers or
 * more, exactly one exited 0, and every other one exited 137 or 143 without a reason of its own.
 * Then the one that exited 0 is taken as the essential container and the others as sidecars ECS
 * stopped (SIGTERM, then SIGKILL after stopTimeout) because it exited. A sidecar killed at shutdown
 * is the common story (a one-off migration with an OpenTelemetry sidecar: hyperdxio/aws-ecs-
 * opentelemetry-sidecar#2); the other reading, a non-essential init container that exited 0 long
 * before an essential container was SIGKILLed without any reason, fits the same codes, and only
 * the task definition (or {@code sidecars:} in the rules file) tells them apart. A reason on a
 * killed container (an OOM kill says so) keeps the rule out.
 */
final class OfflineEssentialRule {
  private OfflineEssentialRule() {}

  /** The container taken as the essential one, or null when the rule does not apply. */
  static ContainerExit finishedEssential(StoppedTask task) {
    List<ContainerExit> containers = task.containers();
    if (!"EssentialContainerExited".equals(task.stopCode()) || containers.size() < 2) {
      return null;
    }
    ContainerExit finished = null;
    for (ContainerExit c : containers) {
      Integer code = c.exitCode();
      if (code != null && code == 0) {
        if (finished != null) {
          return null; // two clean exits: nothing singles out the essential one
        }
        finished = c;
      } else if (!ExitCodes.isStopSignal(code) || !Text.isBlank(c.reason())) {
        return null;
      }
    }
    return finished;
  }
}
