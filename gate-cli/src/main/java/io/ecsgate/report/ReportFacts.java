package io.ecsgate.report;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceResult;
import io.ecsgate.diagnosis.ConsoleLinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** What several renderers derive from a report the same way: top categories, top reasons, seconds. */
final class ReportFacts {
  private ReportFacts() {}

  /**
   * One distinct failure: tasks that alerted with the same category, container, exit code and
   * summary.
   *
   * @param newest the newest task of the group
   */
  record Reason(Category category, String container, Integer exitCode, String summary, String hint, int count,
      DiagnosedTask newest) {}

  /** Failed (alerting) tasks grouped into distinct reasons, most frequent first, at most {@code max}. */
  static List<Reason> topReasons(ServiceDiagnosis d, int max) {
    if (d == null) {
      return List.of();
    }
    Map<List<Object>, List<DiagnosedTask>> groups = new LinkedHashMap<>();
    for (DiagnosedTask t : d.tasks()) {
      Verdict v = t.verdict();
      if (v.alert()) {
        List<Object> key = java.util.Arrays.asList(v.category(), v.evidence().container(), v.evidence().exitCode(), v.summary());
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
      }
    }
    return groups.values().stream()
        .sorted((a, b) -> Integer.compare(b.size(), a.size()))
        .limit(max)
        .map(ts -> {
          Verdict v = ts.get(0).verdict();
          return new Reason(v.category(), v.evidence().container(), v.evidence().exitCode(), v.summary(), v.hint(),
              ts.size(), ts.get(0));
        })
        .toList();
  }

  /** The category with the most failed (alerting) tasks, or null. */
  static Category topAlertCategory(ServiceResult r) {
    return top(alertCounts(List.of(r)));
  }

  /** Over every service that did not end stable: the category with the most failed tasks, or null. */
  static Category topAlertCategory(FailureReport report) {
    return top(alertCounts(report.services().stream().filter(s -> !s.outcome().passed()).toList()));
  }

  private static Map<Category, Integer> alertCounts(List<ServiceResult> results) {
    Map<Category, Integer> counts = new EnumMap<>(Category.class);
    results.stream().map(ServiceResult::diagnosis).filter(Objects::nonNull)
        .flatMap(d -> d.tasks().stream())
        .filter(t -> t.verdict().alert())
        .forEach(t -> counts.merge(t.verdict().category(), 1, Integer::sum));
    return counts;
  }

  private static Category top(Map<Category, Integer> counts) {
    Category best = null;
    for (Map.Entry<Category, Integer> e : counts.entrySet()) {
      if (best == null || e.getValue() > counts.get(best)) {
        best = e.getKey();
      }
    }
    return best;
  }

  /** Seconds with millisecond precision, e.g. {@code 12.345}; "0.000" for null. */
  /**
   * The service's console page: the diagnosis's link, else one built from the report's region;
   * none for a service that was not gated (it may not exist).
   */
  static String serviceConsoleUrl(FailureReport report, ServiceResult s) {
    ServiceDiagnosis d = s.diagnosis();
    if (d != null && d.serviceConsoleUrl() != null) {
      return d.serviceConsoleUrl();
    }
    return s.outcome() == Outcome.NOT_GATED ? null
        : new ConsoleLinks(report.region()).service(Arns.clusterName(s.cluster()), s.service());
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d == null ? 0.0 : d.toMillis() / 1000.0);
  }

  /** The outcome as written in dotenv values: stable, failed, timed_out, not_gated. */
  static String lower(Outcome o) {
    return o.name().toLowerCase(Locale.ROOT);
  }
}
