package io.ecsgate.sim.internal;

/** ARNs of one simulated account and region. */
final class Arns {
  static final String ACCOUNT = "123456789012";
  private final String region;

  Arns(String region) {
    this.region = region;
  }

  String region() {
    return region;
  }

  private String ecs(String resource) {
    return "arn:aws:ecs:" + region + ":" + ACCOUNT + ":" + resource;
  }

  String cluster(String cluster) {
    return ecs("cluster/" + cluster);
  }

  String service(String cluster, String service) {
    return ecs("service/" + cluster + "/" + service);
  }

  String task(String cluster, String taskId) {
    return ecs("task/" + cluster + "/" + taskId);
  }

  String container(String cluster, String taskId, String uuid) {
    return ecs("container/" + cluster + "/" + taskId + "/" + uuid);
  }

  String containerInstance(String cluster, String id) {
    return ecs("container-instance/" + cluster + "/" + id);
  }

  String taskDefinition(String family, int revision) {
    return ecs("task-definition/" + family + ":" + revision);
  }

  /** A ServiceDeployment's ARN; its id is the deployment's digits, so nothing random is drawn for it. */
  String serviceDeployment(String cluster, String service, String deploymentId) {
    return ecs("service-deployment/" + cluster + "/" + service + "/" + digits(deploymentId));
  }

  String serviceRevision(String cluster, String service, String deploymentId) {
    return ecs("service-revision/" + cluster + "/" + service + "/" + digits(deploymentId));
  }

  private static String digits(String deploymentId) {
    return deploymentId.substring(deploymentId.indexOf('/') + 1);
  }

  String targetGroup(String name, String id) {
    return "arn:aws:elasticloadbalancing:" + region + ":" + ACCOUNT + ":targetgroup/" + name + "/" + id;
  }

  String role(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }

  /** The last path segment of an ARN, or the string itself when it is a bare name or id. */
  static String lastSegment(String nameOrArn) {
    if (!nameOrArn.startsWith("arn:")) {
      return nameOrArn;
    }
    int slash = nameOrArn.lastIndexOf('/');
    return slash < 0 ? nameOrArn : nameOrArn.substring(slash + 1);
  }
}
