package io.ecsgate.sim.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** A cluster: its services and every task it still remembers (stopped ones for an hour). */
final class ClusterState {
  final String name;
  final String arn;
  /** The id of the cluster's one container instance, for EC2 tasks and placement messages. */
  final String containerInstanceId;
  final Map<String, ServiceState> services = new LinkedHashMap<>();
  final Map<String, TaskState> tasks = new LinkedHashMap<>();

  ClusterState(String name, String arn, String containerInstanceId) {
    this.name = name;
    this.arn = arn;
    this.containerInstanceId = containerInstanceId;
  }
}
