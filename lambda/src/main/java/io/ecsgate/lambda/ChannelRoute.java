package io.ecsgate.lambda;

import io.ecsgate.classifier.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code SLACK_ROUTES}: {@code cluster-glob/service-glob=channel}, e.g.
 * {@code prod-*&#47;payments-*=#payments}. The service glob is matched against the service name, or
 * for tasks outside a service against their group ({@code family:migrate}).
 */
public record ChannelRoute(String clusterGlob, String serviceGlob, String channel) {

  /** Routes separated by {@code ;} or newlines; blank: none. */
  public static List<ChannelRoute> parseAll(String value) {
    List<ChannelRoute> routes = new ArrayList<>();
    if (value == null) {
      return routes;
    }
    for (String part : value.split("[;\n]")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.lastIndexOf('=');
      int slash = eq < 0 ? -1 : p.substring(0, eq).indexOf('/');
      if (eq < 0 || slash <= 0 || slash == eq - 1 || eq == p.length() - 1) {
        throw new IllegalArgumentException("'" + p + "' is not cluster-glob/service-glob=channel");
      }
      routes.add(new ChannelRoute(p.substring(0, slash).strip(), p.substring(slash + 1, eq).strip(),
          p.substring(eq + 1).strip()));
    }
    return routes;
  }

  public boolean matches(String cluster, String subject) {
    String name = subject.startsWith("service:") ? subject.substring("service:".length()) : subject;
    Glob service = new Glob(serviceGlob);
    return new Glob(clusterGlob).matches(cluster) && (service.matches(name) || service.matches(subject));
  }
}
