package io.ecsgate.classifier.render;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.internal.Text;
import java.time.Instant;

/**
 * How a stopped task is written for people, the same in the text report, in Slack and in the gate's
 * progress: its short id, its stop time, the one line that lists it with its verdict, and the
 * progress line. Untrusted text (ids, task definitions, summaries) goes through {@link SafeText}.
 *
 * <pre>
 * ALERT  APP_EXIT               task 1a2b3c4d  stopped 2026-03-02T09:01:02Z  exit 1  web:2: Container app exited with code 1 (application error)
 * task 1a2b3c4d stopped: APP_EXIT exit 1 - Container app exited with code 1 (application error)
 * </pre>
 */
public final class StoppedTaskText {
  private static final String HEADING = "%-6s %-22s task %s  stopped %s%s%s";
  private static final int PROGRESS_SUMMARY = 160;

  private StoppedTaskText() {}

  /** The first 8 characters of a task id, enough to find it in the console; "?" for none. */
  public static String shortId(String taskId) {
    return Text.shortId(taskId == null ? null : SafeText.oneLine(taskId, 100));
  }

  /** A time to the second, ISO-8601 UTC; "-" for none. */
  public static String time(Instant t) {
    return Text.time(t);
  }

  /** When the task stopped: {@code stoppedAt}, else {@code stoppingAt} (null when neither is known). */
  public static Instant stoppedAt(StoppedTask t) {
    return t.stoppedAt() != null ? t.stoppedAt() : t.stoppingAt();
  }

  /**
   * The task and its verdict in columns, without the summary: ALERT or ok, category, short id, stop
   * time, exit code of the container the verdict blames, task definition. For a layout that puts
   * the summary on a line of its own (the text report); {@link #line} is the one-line form.
   */
  public static String heading(StoppedTask t, Verdict v) {
    Integer exit = v.evidence().exitCode();
    return String.format(HEADING, v.alert() ? "ALERT" : "ok", v.category().name(), shortId(t.taskId()),
        time(stoppedAt(t)), exit == null ? "" : "  exit " + exit,
        t.taskDefinitionArn() == null ? "" : "  " + SafeText.oneLine(Arns.taskDefinition(t.taskDefinitionArn()), 100));
  }

  /** The one line that lists a stopped task: {@link #heading} then ": " and the verdict's summary. */
  public static String line(StoppedTask t, Verdict v) {
    return heading(t, v) + ": " + SafeText.oneLine(v.summary());
  }

  /** The gate's progress line for a newly stopped task, e.g. "task 1a2b3c4d stopped: APP_EXIT exit 1 - summary". */
  public static String progress(StoppedTask t, Verdict v) {
    Integer exit = v.evidence().exitCode();
    return "task " + shortId(t.taskId()) + " stopped: " + v.category()
        + (exit != null ? " exit " + exit : "")
        + (v.alert() ? "" : " (not a failure)")
        + " - " + SafeText.oneLine(v.summary(), PROGRESS_SUMMARY);
  }
}
