package io.ecsgate.diagnosis;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links into the AWS console for a region: the ECS console (v2) pages of a service and of a task,
 * and the CloudWatch Logs console page of a log stream. The console host depends on the partition
 * (aws, aws-cn, aws-us-gov). Every method returns null when the region or a name is unknown.
 *
 * <pre>
 * https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/events?region=us-east-1
 * https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/prod/tasks/0123abcd/configuration?region=us-east-1
 * https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Fecs$252Fweb/log-events/ecs$252Fapp$252F0123abcd
 * </pre>
 */
public final class ConsoleLinks {
  private final String region;

  public ConsoleLinks(String region) {
    this.region = region == null || region.isBlank() ? null : region;
  }

  /** The service's page, on its events tab (deployments and what ECS said about them). */
  public String service(String cluster, String service) {
    if (region == null || cluster == null || service == null) {
      return null;
    }
    return host(region) + "/ecs/v2/clusters/" + path(cluster) + "/services/" + path(service) + "/events?region=" + region;
  }

  /** The task's page: containers, exit codes, stopped reason. */
  public String task(String cluster, String taskId) {
    if (region == null || cluster == null || taskId == null) {
      return null;
    }
    return host(region) + "/ecs/v2/clusters/" + path(cluster) + "/tasks/" + path(taskId) + "/configuration?region=" + region;
  }

  /**
   * A log stream's events. The Logs console reads names from the URL fragment encoded twice:
   * percent-encoded, then each '%' written as "$25" ('/' becomes "$252F").
   *
   * @param logRegion the log group's region (awslogs-region) when it differs, else null
   */
  public String logStream(String logRegion, String group, String stream) {
    String r = logRegion == null || logRegion.isBlank() ? region : logRegion;
    if (r == null || group == null || stream == null) {
      return null;
    }
    return host(r) + "/cloudwatch/home?region=" + r + "#logsV2:log-groups/log-group/" + fragment(group)
        + "/log-events/" + fragment(stream);
  }

  private static String host(String region) {
    if (region.startsWith("cn-")) {
      return "https://" + region + ".console.amazonaws.cn";
    }
    if (region.startsWith("us-gov-")) {
      return "https://console.amazonaws-us-gov.com";
    }
    return "https://" + region + ".console.aws.amazon.com";
  }

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String fragment(String name) {
    return path(name).replace("%", "$25");
  }
}
