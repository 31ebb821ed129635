package io.ecsgate.classifier;

/**
 * Why a task stopped or what a service event says, as a stable id. The ids are a public contract:
 * they appear in JSON output, in rules files and in Slack messages.
 */
public enum Category {
  IMAGE_PULL("image pull failed"),
  RESOURCE_INIT("task resources could not be initialised"),
  CONTAINER_START("container could not start"),
  OUT_OF_MEMORY("out of memory"),
  APP_EXIT("application exited with an error"),
  HEALTH_CHECK_ELB("load balancer health check failed"),
  HEALTH_CHECK_CONTAINER("container health check failed"),
  PLACEMENT("task could not be placed"),
  NETWORK("network setup failed"),
  SPOT_INTERRUPTION("Spot capacity reclaimed"),
  PLATFORM("ECS infrastructure maintenance"),
  DEPLOYMENT_OR_SCALING("replaced by a deployment or scale-in"),
  DRAINING("container instance draining"),
  USER_STOPPED("stopped by a user or API call"),
  COMPLETED("completed"),
  DEPLOYMENT_FAILED("deployment failed"),
  /** A deployment waits at a PAUSE lifecycle hook for someone to continue or roll it back. */
  DEPLOYMENT_PAUSED("deployment paused for approval"),
  /** The service reached a steady state: the sign that an earlier failure has recovered. */
  STEADY_STATE("service steady"),
  /** ECS reports the service cannot consistently start tasks (SERVICE_TASK_START_IMPAIRED). */
  SERVICE_IMPAIRED("service cannot start tasks"),
  /** The service's own configuration is rejected (SERVICE_TASK_CONFIGURATION_FAILURE, role errors). */
  CONFIGURATION("service configuration rejected"),
  /** Cloud Map reports an instance unhealthy (SERVICE_DISCOVERY_INSTANCE_UNHEALTHY). */
  SERVICE_DISCOVERY("service discovery unhealthy"),
  /** Found by the Lambda's sweep, never in an event: a task has been running longer than allowed. */
  LONG_RUNNING("task running longer than allowed"),
  /** Found by the Lambda's sweep, never in an event: a service has stayed below its desired count. */
  BELOW_DESIRED("service below its desired count"),
  UNKNOWN("unknown");

  private final String label;

  Category(String label) {
    this.label = label;
  }

  /** A few words for people, e.g. in report headings. */
  public String label() {
    return label;
  }

  /** Parses an id as written in rules files; case-insensitive. */
  public static Category fromId(String id) {
    return Category.valueOf(id.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
