package io.ecsgate.classifier;

/**
 * What a verdict rests on, quoted from ECS: the container it blames (if any), that container's
 * exit code and reason, and the task's stop code and stopped reason (or the event's reason).
 */
public record Evidence(
    String container, Integer exitCode, String containerReason, String stopCode, String reason) {

  public static final Evidence NONE = new Evidence(null, null, null, null, null);
}
