package io.ecsgate.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the first failure of an incident said, kept with the incident so that any later invocation
 * (the next stopped task, the steady-state event that ends it) renders the same message.
 * Every field may be null.
 *
 * @param noun what is counted: {@code task}, {@code event}, {@code deployment}, {@code long-running}, {@code sweep}, {@code hook}, {@code pause}
 * @param summary the classifier's one-line summary of the first failure
 * @param reason what ECS wrote (container reason or stopped reason)
 */
public record IncidentFacts(
    String noun, String region, String summary, String hint, String container, Integer exitCode, String reason,
    String serviceUrl, String taskUrl, String logUrl) {

  Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "noun", noun);
    put(m, "region", region);
    put(m, "summary", summary);
    put(m, "hint", hint);
    put(m, "container", container);
    put(m, "exitCode", exitCode == null ? null : exitCode.toString());
    put(m, "reason", reason);
    put(m, "serviceUrl", serviceUrl);
    put(m, "taskUrl", taskUrl);
    put(m, "logUrl", logUrl);
    return m;
  }

  static IncidentFacts fromMap(Map<String, String> m) {
    String exit = m.get("exitCode");
    return new IncidentFacts(m.get("noun"), m.get("region"), m.get("summary"), m.get("hint"), m.get("container"),
        exit == null ? null : Integer.valueOf(exit), m.get("reason"), m.get("serviceUrl"), m.get("taskUrl"), m.get("logUrl"));
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.isEmpty()) {
      m.put(k, v);
    }
  }
}
