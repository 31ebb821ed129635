package io.ecsgate.report;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceResult;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The outcome as {@code KEY=value} lines for GitLab's {@code artifacts:reports:dotenv}, so later
 * jobs can branch on it. GitLab's parser takes {@code KEY=value} per line with keys of ASCII
 * letters, digits and underscores, and has no multi-line values, comments, empty lines, quoting
 * or escapes (quotes stay part of the value), and the file must stay under 5 KB. So every value
 * here is one line of safe text without surrounding blanks, the summary cut to
 * {@link #MAX_SUMMARY_BYTES} bytes and every other value to {@link #MAX_VALUE_BYTES} (a cut ends
 * with "…").
 *
 * <pre>
 * ECS_GATE_RESULT=failed
 * ECS_GATE_EXIT_CODE=1
 * ECS_GATE_CATEGORY=APP_EXIT
 * ECS_GATE_SERVICES=web,api
 * ECS_GATE_FAILED_SERVICES=web
 * ECS_GATE_DEPLOYMENT_ID=ecs-svc/1234567890123456789
 * ECS_GATE_SUMMARY=FAILED prod/web: 3 tasks of deployment ecs-svc/123 failed: APP_EXIT; STABLE prod/api: ...
 * </pre>
 */
public final class DotenvReport {
  /** Six values of at most 500 bytes and a summary of at most 1,000 keep the file under GitLab's 5 KB. */
  static final int MAX_VALUE_BYTES = 500;
  static final int MAX_SUMMARY_BYTES = 1000;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_]+");

  private DotenvReport() {}

  /** The variables in order; values are single lines. */
  public static Map<String, String> variables(FailureReport report) {
    Outcome outcome = report.outcome();
    Category top = ReportFacts.topAlertCategory(report);
    Map<String, String> v = new LinkedHashMap<>();
    v.put("ECS_GATE_RESULT", ReportFacts.lower(outcome));
    v.put("ECS_GATE_EXIT_CODE", Integer.toString(ExitCode.of(outcome).code()));
    v.put("ECS_GATE_CATEGORY", top == null ? "" : top.name());
    v.put("ECS_GATE_SERVICES", names(report.services()));
    v.put("ECS_GATE_FAILED_SERVICES", names(report.services().stream().filter(s -> !s.outcome().passed()).toList()));
    v.put("ECS_GATE_DEPLOYMENT_ID", report.services().isEmpty() || report.services().get(0).deploymentId() == null
        ? "" : report.services().get(0).deploymentId());
    v.put("ECS_GATE_SUMMARY", summary(report));
    v.replaceAll((key, value) -> {
      int max = key.equals("ECS_GATE_SUMMARY") ? MAX_SUMMARY_BYTES : MAX_VALUE_BYTES;
      return cutToBytes(SafeText.oneLine(value, max), max);
    });
    return v;
  }

  public static void write(PrintWriter out, FailureReport report) {
    variables(report).forEach((key, value) -> {
      if (!KEY.matcher(key).matches()) {
        throw new IllegalStateException("not a dotenv key: " + key);
      }
      // '\n' whatever the platform: GitLab reads lines.
      out.print(key + "=" + value + "\n");
    });
    out.flush();
  }

  private static String names(List<ServiceResult> services) {
    return services.stream().map(s -> SafeText.oneLine(s.service(), 255)).collect(Collectors.joining(","));
  }

  /** {@code OUTCOME cluster/service: verdict} per service, joined with "; ". */
  private static String summary(FailureReport report) {
    List<String> parts = new ArrayList<>();
    for (ServiceResult s : report.services()) {
      parts.add(s.outcome().name() + " " + Arns.clusterName(s.cluster()) + "/" + s.service()
          + (s.verdict() == null || s.verdict().isBlank() ? "" : ": " + s.verdict()));
    }
    return String.join("; ", parts);
  }

  /** At most {@code max} UTF-8 bytes, cut at a character boundary, with "…" when cut. */
  static String cutToBytes(String s, int max) {
    if (s.getBytes(StandardCharsets.UTF_8).length <= max) {
      return s;
    }
    int budget = max - "…".getBytes(StandardCharsets.UTF_8).length;
    StringBuilder b = new StringBuilder();
    int used = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > budget) {
        break;
      }
      b.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return b.toString().strip() + "…";
  }
}
