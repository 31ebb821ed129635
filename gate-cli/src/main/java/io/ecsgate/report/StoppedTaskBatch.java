package io.ecsgate.report;

import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.render.StoppedTaskText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stopped tasks one poll found, grouped so that a crash loop is not a wall of identical lines:
 * `wait` on a deployment that has crashed for a while finds dozens of tasks at its first poll.
 * Tasks are "like" each other when the same service lost them for the same reason: the same
 * category, alert, container, exit code and summary; only the task id and the time differ. Each
 * group prints its first task, then its second, or "... and N more like it" for two or more.
 */
final class StoppedTaskBatch {
  /** One printed line: the service it is about and when. */
  record Line(String service, String text, Instant at) {}

  private record Kind(String service, String category, boolean alert, String container, Integer exitCode,
      String summary) {}

  private static final class Group {
    final List<Line> lines = new ArrayList<>();
  }

  private final Map<Kind, Group> groups = new LinkedHashMap<>();

  void add(String service, StoppedTask task, Verdict verdict, Instant at) {
    Kind kind = new Kind(service, verdict.category().name(), verdict.alert(), verdict.evidence().container(),
        verdict.evidence().exitCode(), verdict.summary());
    groups.computeIfAbsent(kind, k -> new Group()).lines.add(new Line(service, StoppedTaskText.progress(task, verdict), at));
  }

  /** The lines of the tasks added since the last call, in the order their kinds first appeared. */
  List<Line> drain() {
    List<Line> out = new ArrayList<>();
    for (Group g : groups.values()) {
      Line first = g.lines.get(0);
      out.add(first);
      int more = g.lines.size() - 1;
      if (more == 1) {
        out.add(g.lines.get(1)); // a count line would be no shorter than the line itself
      } else if (more > 1) {
        Line last = g.lines.get(more);
        out.add(new Line(last.service(), "... and " + more + " more like it", last.at()));
      }
    }
    groups.clear();
    return out;
  }
}
