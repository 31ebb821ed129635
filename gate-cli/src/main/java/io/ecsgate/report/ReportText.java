package io.ecsgate.report;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.render.StoppedTaskText;
import io.ecsgate.classifier.render.VerdictText;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceResult;
import io.ecsgate.diagnosis.ConsoleLinks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report for a terminal or a GitLab job log: per service a short headline that stays visible
 * (outcome, verdict, state, categories, top reasons, hint, links), then the details (every stopped
 * task, log tails, service events) in GitLab collapsible sections, or as indented blocks when not
 * under GitLab. Every line format lives here, but for the stopped task's columns, which are
 * {@link StoppedTaskText}'s (the same in Slack). Untrusted text goes through {@link SafeText}: one
 * line each, no escape sequences.
 *
 * <pre>
 * ecs-gate diagnose  region us-east-1  started 2026-03-02T09:00:00Z  took 1.204 s
 *
 * FAILED     demo/web: 3 of the last 5 stopped tasks failed: APP_EXIT
 *   task definition web:2  running 0/2  pending 0  failed tasks 3  rollout IN_PROGRESS
 *   categories: APP_EXIT 3, DEPLOYMENT_OR_SCALING 2
 *   3x APP_EXIT exit 1 (app): Container app exited with code 1 (application error)
 *   hint: Read the container's last log lines: ...
 *   service: https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/demo/services/web/events?region=us-east-1
 *   logs:    https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:...
 *   stopped tasks (5, newest first):
 *     ALERT  APP_EXIT               task 1a2b3c4d  stopped 2026-03-02T09:01:02Z  exit 1  web:2
 *            Container app exited with code 1 (application error)
 *            https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/demo/tasks/1a2b3c4d.../configuration?region=us-east-1
 *   last log lines of app, task 1a2b3c4d (APP_EXIT):
 *     | Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder ...
 *   service events (4, newest first):
 *     2026-03-02T09:01:40Z  (service web) is unable to consistently start tasks successfully.
 *
 * result: FAILED (exit 1): 1 failed
 * </pre>
 */
public final class ReportText {
  static final int MAX_TASKS = 20;
  static final int MAX_REASONS = 3;

  // The line formats.
  private static final String HEADER = "ecs-gate %s  region %s  started %s  took %s s";
  private static final String HEADLINE = "%-10s %s: %s";
  private static final String STATE = "  %s";
  private static final String ROLLBACK = "  rollback: %s";
  private static final String CATEGORIES = "  categories: %s";
  private static final String NO_TASKS = "  no stopped tasks";
  private static final String REASON = "  %dx %s%s%s: %s";
  private static final String HINT = "  hint: %s";
  private static final String SERVICE_LINK = "  service: %s";
  private static final String LOGS_LINK = "  logs:    %s";
  private static final String TASKS_HEADER = "stopped tasks (%d, newest first)";
  private static final String TASK = "    %s";
  private static final String TASK_DETAIL = "           %s";
  private static final String MORE_TASKS = "    ... and %d more (--output json lists them all)";
  private static final String LOG_HEADER = "last log lines of %s, task %s (%s)";
  private static final String LOG_LINE = "    | %s";
  private static final String LOG_NOTE = "    (%s)";
  private static final String EVENTS_HEADER = "service events (%d, newest first)";
  private static final String EVENT = "    %s  %s";
  private static final String PLAIN_SECTION = "  %s:";
  private static final String FOOTER = "result: %s (exit %d): %s";
  /** GitLab's collapsible section markers: https://docs.gitlab.com/ci/jobs/job_logs/#custom-collapsible-sections */
  private static final String SECTION_START = "\u001b[0Ksection_start:%d:%s[collapsed=true]\r\u001b[0K  %s";
  private static final String SECTION_END = "\u001b[0Ksection_end:%d:%s\r\u001b[0K";

  private final boolean gitlab;

  /** @param gitlabSections write the details in GitLab collapsible sections (else plain indented blocks) */
  public ReportText(boolean gitlabSections) {
    this.gitlab = gitlabSections;
  }

  /** With GitLab sections when running in a GitLab CI job ({@code GITLAB_CI} set). */
  public static ReportText forEnvironment() {
    return new ReportText(System.getenv("GITLAB_CI") != null);
  }

  public String render(FailureReport report) {
    StringWriter s = new StringWriter();
    PrintWriter out = new PrintWriter(s);
    write(out, report);
    out.flush();
    return s.toString();
  }

  public void write(PrintWriter out, FailureReport report) {
    out.println(String.format(HEADER, report.command(), orDash(report.region()), StoppedTaskText.time(report.startedAt()),
        ReportFacts.seconds(report.elapsed())));
    Instant end = report.startedAt() == null ? Instant.EPOCH
        : report.startedAt().plus(report.elapsed() == null ? java.time.Duration.ZERO : report.elapsed());
    for (int i = 0; i < report.services().size(); i++) {
      out.println();
      new ServiceBlock(out, report.region(), report.services().get(i), end.getEpochSecond(), "ecs_gate_" + end.getEpochSecond() + "_" + i)
          .write();
    }
    out.println();
    Outcome outcome = report.outcome();
    out.println(String.format(FOOTER, outcome.name(), ExitCode.of(outcome).code(), counts(report)));
    out.flush();
  }

  /** One service without sections: the body of a JUnit failure. */
  static String plainDetails(ServiceResult r, String region) {
    StringWriter s = new StringWriter();
    PrintWriter out = new PrintWriter(s);
    new ReportText(false).new ServiceBlock(out, region, r, 0, "").write();
    out.flush();
    return s.toString();
  }

  private final class ServiceBlock {
    private final PrintWriter out;
    private final String region;
    private final ServiceResult r;
    private final long timestamp;
    private final String sectionPrefix;

    ServiceBlock(PrintWriter out, String region, ServiceResult r, long timestamp, String sectionPrefix) {
      this.out = out;
      this.region = region;
      this.r = r;
      this.timestamp = timestamp;
      this.sectionPrefix = sectionPrefix;
    }

    void write() {
      out.println(String.format(HEADLINE, r.outcome().name(), subject(r), SafeText.oneLine(r.verdict())));
      if (r.outcome() != Outcome.NOT_GATED) {
        out.println(String.format(STATE, state()));
      }
      if (r.rollbackNote() != null) {
        out.println(String.format(ROLLBACK, SafeText.oneLine(r.rollbackNote())));
      }
      ServiceDiagnosis d = r.diagnosis();
      if (d == null) {
        String url = r.outcome() == Outcome.NOT_GATED ? null : new ConsoleLinks(region).service(Arns.clusterName(r.cluster()), r.service());
        if (url != null) {
          out.println(String.format(SERVICE_LINK, url));
        }
        return;
      }
      headline(d);
      tasks(d);
      logs(d);
      events(d);
    }

    private void headline(ServiceDiagnosis d) {
      if (d.tasks().isEmpty()) {
        out.println(NO_TASKS);
      } else {
        out.println(String.format(CATEGORIES, d.byCategory().entrySet().stream()
            .map(e -> e.getKey().name() + " " + e.getValue()).collect(Collectors.joining(", "))));
      }
      List<ReportFacts.Reason> reasons = ReportFacts.topReasons(d, MAX_REASONS);
      for (ReportFacts.Reason reason : reasons) {
        out.println(String.format(REASON, reason.count(), reason.category().name(),
            reason.exitCode() == null ? "" : " exit " + reason.exitCode(),
            reason.container() == null ? "" : " (" + SafeText.oneLine(reason.container(), 100) + ")",
            SafeText.oneLine(reason.summary())));
      }
      if (!reasons.isEmpty() && reasons.get(0).hint() != null) {
        out.println(String.format(HINT, SafeText.oneLine(reasons.get(0).hint())));
      }
      if (d.serviceConsoleUrl() != null) {
        out.println(String.format(SERVICE_LINK, d.serviceConsoleUrl()));
      }
      if (!reasons.isEmpty() && reasons.get(0).newest().logConsoleUrl() != null) {
        out.println(String.format(LOGS_LINK, reasons.get(0).newest().logConsoleUrl()));
      }
    }

    private void tasks(ServiceDiagnosis d) {
      if (d.tasks().isEmpty()) {
        return;
      }
      List<String> lines = new ArrayList<>();
      for (DiagnosedTask t : d.tasks().subList(0, Math.min(MAX_TASKS, d.tasks().size()))) {
        StoppedTask task = t.task();
        Verdict v = t.verdict();
        lines.add(String.format(TASK, StoppedTaskText.heading(task, v)));
        lines.add(String.format(TASK_DETAIL, SafeText.oneLine(v.summary())));
        String reason = VerdictText.cutReason(v);
        if (reason != null) {
          lines.add(String.format(TASK_DETAIL, "reason: " + reason));
        }
        if (t.taskConsoleUrl() != null) {
          lines.add(String.format(TASK_DETAIL, t.taskConsoleUrl()));
        }
      }
      if (d.tasks().size() > MAX_TASKS) {
        lines.add(String.format(MORE_TASKS, d.tasks().size() - MAX_TASKS));
      }
      section("tasks", String.format(TASKS_HEADER, d.tasks().size()), lines);
    }

    private void logs(ServiceDiagnosis d) {
      int n = 0;
      for (DiagnosedTask t : d.tasks()) {
        if (t.logTail().isEmpty() && t.logNote() == null) {
          continue;
        }
        List<String> lines = new ArrayList<>();
        t.logTail().forEach(line -> lines.add(String.format(LOG_LINE, SafeText.oneLine(line))));
        if (t.logNote() != null) {
          lines.add(String.format(LOG_NOTE, SafeText.oneLine(t.logNote())));
        }
        String container = t.verdict().evidence().container();
        section("logs_" + n++, String.format(LOG_HEADER, container == null ? "the task" : SafeText.oneLine(container, 100),
            StoppedTaskText.shortId(t.task().taskId()), t.verdict().category().name()), lines);
      }
    }

    private void events(ServiceDiagnosis d) {
      if (d.events().isEmpty()) {
        return;
      }
      List<String> lines = d.events().stream()
          .map(e -> String.format(EVENT, StoppedTaskText.time(e.createdAt()), SafeText.oneLine(e.message())))
          .toList();
      section("events", String.format(EVENTS_HEADER, d.events().size()), lines);
    }

    /** A collapsed GitLab section, or a plain header with the lines below it. */
    private void section(String name, String header, List<String> lines) {
      if (gitlab) {
        out.println(String.format(SECTION_START, timestamp, sectionPrefix + "_" + name, header));
        lines.forEach(out::println);
        out.println(String.format(SECTION_END, timestamp, sectionPrefix + "_" + name));
      } else {
        out.println(String.format(PLAIN_SECTION, header));
        lines.forEach(out::println);
      }
    }

    private String state() {
      List<String> parts = new ArrayList<>();
      if (r.deploymentId() != null) {
        parts.add("deployment " + SafeText.oneLine(r.deploymentId(), 100));
      }
      if (r.taskDefinition() != null) {
        parts.add("task definition " + SafeText.oneLine(r.taskDefinition(), 200)
            + (r.previousTaskDefinition() == null ? "" : " (was " + SafeText.oneLine(r.previousTaskDefinition(), 200) + ")"));
      }
      parts.add("running " + r.runningCount() + "/" + r.desiredCount());
      parts.add("pending " + r.pendingCount());
      parts.add("failed tasks " + r.failedTasks());
      if (r.rolloutState() != null) {
        parts.add("rollout " + SafeText.oneLine(r.rolloutState(), 50));
      }
      if (r.breakerProgress() != null) {
        parts.add("circuit breaker " + SafeText.oneLine(r.breakerProgress(), 50));
      }
      return String.join("  ", parts);
    }
  }

  private static String subject(ServiceResult r) {
    return SafeText.oneLine(Arns.clusterName(r.cluster()), 255) + "/" + SafeText.oneLine(r.service(), 255);
  }

  private static String counts(FailureReport report) {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    report.services().forEach(s -> counts.merge(s.outcome(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    for (Outcome o : List.of(Outcome.FAILED, Outcome.TIMED_OUT, Outcome.CANCELLED, Outcome.NOT_GATED, Outcome.REACHED,
        Outcome.STABLE)) {
      if (counts.containsKey(o)) {
        parts.add(counts.get(o) + " " + ReportFacts.lower(o).replace('_', ' '));
      }
    }
    return parts.isEmpty() ? "no services" : String.join(", ", parts);
  }

  private static String orDash(String s) {
    return s == null ? "-" : SafeText.oneLine(s, 50);
  }
}
