package io.ecsgate.lambda;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which Slack channel hears about a subject: the channel tag on its service, then on its cluster
 * (owners keep routing next to their service), then the first matching {@code SLACK_ROUTES} glob,
 * then the default channel.
 */
final class ChannelRouter {
  private final List<ChannelRoute> routes;
  private final String defaultChannel;
  private final String tagKey;
  /** Tags of a resource by ARN; empty when unknown, unreadable or not looked up (local runs). */
  private final Function<String, Map<String, String>> tags;

  ChannelRouter(List<ChannelRoute> routes, String defaultChannel, String tagKey, Function<String, Map<String, String>> tags) {
    this.routes = routes;
    this.defaultChannel = defaultChannel;
    this.tagKey = tagKey;
    this.tags = tags;
  }

  /** @param clusterArn the cluster's ARN (its partition, region and account locate the service), or null */
  String channelFor(String clusterArn, AlertKey key) {
    if (clusterArn != null && clusterArn.contains(":cluster/")) {
      if (key.service() != null) {
        String serviceArn = clusterArn.replace(":cluster/", ":service/") + "/" + key.service();
        String tagged = tags.apply(serviceArn).get(tagKey);
        if (present(tagged)) {
          return tagged.strip();
        }
      }
      String tagged = tags.apply(clusterArn).get(tagKey);
      if (present(tagged)) {
        return tagged.strip();
      }
    }
    for (ChannelRoute r : routes) {
      if (r.matches(key.cluster(), key.subject())) {
        return r.channel();
      }
    }
    return defaultChannel;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
