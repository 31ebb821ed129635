package io.ecsgate.classifier;

/** Small helpers for ECS ARNs, which appear in full or as bare names depending on the source. */
public final class Arns {
  private Arns() {}

  /** The part after the last '/', e.g. the task id or cluster name; the input itself if it has none. */
  public static String lastSegment(String arnOrName) {
    if (arnOrName == null) {
      return null;
    }
    int slash = arnOrName.lastIndexOf('/');
    return slash < 0 ? arnOrName : arnOrName.substring(slash + 1);
  }

  /** Cluster name from a cluster ARN ({@code arn:aws:ecs:r:a:cluster/NAME}) or a bare name. */
  public static String clusterName(String clusterArnOrName) {
    return lastSegment(clusterArnOrName);
  }

  /**
   * Service name from a service ARN. New-style ARNs carry the cluster
   * ({@code service/CLUSTER/NAME}), old ones do not ({@code service/NAME}): the last segment is the
   * name either way.
   */
  public static String serviceName(String serviceArnOrName) {
    return lastSegment(serviceArnOrName);
  }

  /**
   * The cluster of a service event: {@code clusterArn} when the event names it, else the cluster a
   * new-style service ARN carries ({@code service/CLUSTER/NAME}); null when neither says.
   */
  public static String clusterOf(String clusterArn, String serviceArn) {
    if (clusterArn != null || serviceArn == null) {
      return clusterArn;
    }
    String[] parts = serviceArn.split("/");
    return parts.length == 3 ? parts[1] : null;
  }

  /**
   * One part of a service deployment ARN ({@code arn:aws:ecs:R:A:service-deployment/CLUSTER/SERVICE/ID}):
   * 1 the cluster's name, 2 the service's, 3 the deployment's id; null when the ARN is not of that shape.
   */
  public static String deploymentPart(String serviceDeploymentArn, int part) {
    if (serviceDeploymentArn == null || !serviceDeploymentArn.contains(":service-deployment/")) {
      return null;
    }
    String[] parts = serviceDeploymentArn.split("/");
    return parts.length == 4 && !parts[part].isEmpty() ? parts[part] : null;
  }

  /** {@code family:revision} from a task definition ARN, or the input if it is not an ARN. */
  public static String taskDefinition(String taskDefinitionArn) {
    return lastSegment(taskDefinitionArn);
  }

  /** The region of an ARN ({@code arn:partition:service:REGION:...}), or null. */
  public static String region(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
  }
}
