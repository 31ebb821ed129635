package io.ecsgate.cli;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.input.InputItem;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;

/** Counts what classify saw, in constant memory, and prints the closing summary by category. */
final class ClassifyTally {
  private final Map<Category, int[]> byCategory = new EnumMap<>(Category.class);
  private long items;
  private long alerts;
  private long skipped;
  private long malformed;
  private InputItem.Skipped firstSkipped;

  void add(Verdict v) {
    items++;
    int[] counts = byCategory.computeIfAbsent(v.category(), c -> new int[2]);
    counts[0]++;
    if (v.alert()) {
      alerts++;
      counts[1]++;
    }
  }

  /** Adds the counts of what came after what this tally counted (the first skipped item stays the earliest). */
  void addAll(ClassifyTally later) {
    items += later.items;
    alerts += later.alerts;
    skipped += later.skipped;
    malformed += later.malformed;
    if (firstSkipped == null) {
      firstSkipped = later.firstSkipped;
    }
    later.byCategory.forEach((category, counts) -> {
      int[] mine = byCategory.computeIfAbsent(category, c -> new int[2]);
      mine[0] += counts[0];
      mine[1] += counts[1];
    });
  }

  void skipped(InputItem.Skipped item) {
    if (firstSkipped == null) {
      firstSkipped = item;
    }
    skipped++;
  }

  /** One stderr line for the JSON output, which has no summary: how many were skipped, and where and why the first. */
  void printSkipped(PrintWriter err) {
    if (skipped > 0) {
      err.println(SafeText.strip("ecs-gate: " + skipped + " item" + (skipped == 1 ? "" : "s")
          + " skipped (not a stop or not ECS), the first at " + firstSkipped.location() + ": " + firstSkipped.why()));
    }
  }

  void malformed() {
    malformed++;
  }

  long malformedCount() {
    return malformed;
  }

  void printSummary(PrintWriter out) {
    out.println();
    out.printf("%d classified: %d alert%s, %d without alert", items, alerts, alerts == 1 ? "" : "s",
        items - alerts);
    if (skipped > 0 || malformed > 0) {
      out.printf("; %d skipped (not a stop or not ECS), %d malformed", skipped, malformed);
    }
    out.println();
    if (byCategory.isEmpty()) {
      return;
    }
    out.printf("  %-24s %8s %8s%n", "CATEGORY", "ITEMS", "ALERTS");
    byCategory.forEach((category, counts) ->
        out.printf("  %-24s %8d %8d%n", category.name(), counts[0], counts[1]));
  }
}
