package io.ecsgate.sim.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CloudWatch Logs as far as GetLogEvents needs it: groups of streams of timestamped lines. */
final class LogStore {
  record Line(long timestamp, String message) {}

  private final Map<String, Map<String, List<Line>>> groups = new LinkedHashMap<>();

  void createGroup(String group) {
    groups.computeIfAbsent(group, g -> new LinkedHashMap<>());
  }

  void append(String group, String stream, long timestamp, String message) {
    groups.computeIfAbsent(group, g -> new LinkedHashMap<>())
        .computeIfAbsent(stream, s -> new ArrayList<>())
        .add(new Line(timestamp, message));
  }

  /** Drops what a container had scripted to write after it was stopped. */
  void truncateAfter(String group, String stream, long timestamp) {
    List<Line> lines = stream(group, stream);
    if (lines != null) {
      lines.removeIf(line -> line.timestamp() > timestamp);
    }
  }

  boolean hasGroup(String group) {
    return groups.containsKey(group);
  }

  /** The stream's lines in time order, or null when there is no such stream. */
  List<Line> stream(String group, String stream) {
    Map<String, List<Line>> streams = groups.get(group);
    return streams == null ? null : streams.get(stream);
  }
}
