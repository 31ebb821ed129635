package io.ecsgate.sim.internal;

/** One container of a task. */
final class ContainerState {
  final String arn;
  final String name;
  final String image;
  final boolean essential;
  /** Where awslogs writes, or null when the container has no awslogs configuration. */
  final String logGroup;
  final String logStream;
  String lastStatus = "PENDING";
  String runtimeId;
  Integer exitCode;
  String reason;

  ContainerState(String arn, String name, String image, boolean essential, String logGroup, String logStream) {
    this.arn = arn;
    this.name = name;
    this.image = image;
    this.essential = essential;
    this.logGroup = logGroup;
    this.logStream = logStream;
  }
}
