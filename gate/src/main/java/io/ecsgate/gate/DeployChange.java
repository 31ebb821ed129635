package io.ecsgate.gate;

import java.util.Map;

/**
 * What deploy changes: nothing but a forced new deployment, new images for some containers (a new
 * revision of the current task definition), or another task definition.
 *
 * @param images container name to image, applied to the service's current task definition
 * @param taskDefinition {@code family}, {@code family:revision} or an ARN
 */
public record DeployChange(Map<String, String> images, String taskDefinition) {
  public static final DeployChange FORCE_NEW_DEPLOYMENT = new DeployChange(Map.of(), null);
}
