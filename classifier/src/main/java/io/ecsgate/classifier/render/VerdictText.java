package io.ecsgate.classifier.render;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.EcsSignal;
import io.ecsgate.classifier.LongRunningTask;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.internal.Text;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.io.PrintWriter;

/**
 * Renders a verdict as a few readable lines; the line formats live here and nowhere else. Every
 * value but the category goes through {@link SafeText}: the summary, hint and names come from ECS,
 * the rule name and the source from the user's files.
 */
public final class VerdictText {
  private VerdictText() {}

  /**
   * <pre>
   * ALERT  IMAGE_PULL        prod/web task 1a2b3c4d  (events.jsonl:3)
   *        Container web could not pull its image: CannotPullContainerError: ...
   *        hint: The image or tag does not exist ...
   *        rule: default:image-pull.not-found
   * </pre>
   */
  public static void write(PrintWriter out, String source, EcsSignal signal, Verdict v) {
    // printf's "%-6s %-22s %s%s%n", padded by hand: a format parsed per item showed in profiles.
    // Each line is printed in pieces, not concatenated first: an archive prints hundreds of
    // thousands of verdicts, and the joined copies were a tenth of what classify allocated.
    pad(out, v.alert() ? "ALERT" : "ok", 6);
    out.print(' ');
    pad(out, v.category().name(), 22);
    out.print(' ');
    out.print(subject(signal));
    if (source != null) {
      out.print("  (");
      out.print(SafeText.oneLine(source));
      out.print(')');
    }
    out.println();
    out.print("       ");
    out.println(LINES.oneLine(v.summary(), 400));
    String reason = cutReason(v);
    if (reason != null) {
      out.print("       reason: ");
      out.println(reason);
    }
    if (v.hint() != null && v.alert()) {
      out.print("       hint: ");
      out.println(LINES.oneLine(v.hint(), SafeText.MAX_LINE));
    }
    out.print("       rule: ");
    out.println(LINES.oneLine(v.rule(), 200));
  }

  /**
   * The reason the verdict quotes (the blamed container's, else the task's), whole and made safe,
   * when the one-line summary could only hold an excerpt of it; else null. ECS reasons reach 1,024
   * characters, and the end of one (the image, the secret's ARN) is often what the reader needs.
   */
  public static String cutReason(Verdict v) {
    String reason = v.evidence().containerReason() != null ? v.evidence().containerReason() : v.evidence().reason();
    String line = LINES.oneLine(reason, SafeText.MAX_REASON);
    return line.length() > Text.EXCERPT_LENGTH ? line : null;
  }

  /** A stopped task's {@code cluster/service}, made once per pair of cluster ARN and group instances. */
  private static final PlaceMemo PLACES = new PlaceMemo(1024);

  /** The lines a verdict repeats (summary, hint, rule, reason), made safe once per String instance. */
  private static final SafeLineMemo LINES = new SafeLineMemo(1024);

  private static final String SPACES = " ".repeat(32);

  private static void pad(PrintWriter out, String s, int width) {
    out.print(s);
    if (s.length() < width) {
      out.write(SPACES, 0, width - s.length());
    }
  }

  /** {@code cluster/service task 1a2b3c4d}, or what of it is known. */
  public static String subject(EcsSignal s) {
    if (s instanceof StoppedTask t) {
      String place = PLACES.of(t);
      return t.taskArn() == null ? place : place + " task " + shortTaskId(t.taskArn());
    }
    String place = place(s);
    if (s instanceof LongRunningTask t && t.taskId() != null) {
      return place + " task " + StoppedTaskText.shortId(t.taskId());
    }
    return place;
  }

  /** {@code cluster/service} (or {@code cluster/group}), made safe; "?" for an unknown cluster. */
  static String place(EcsSignal s) {
    StringBuilder b = new StringBuilder();
    String cluster = Arns.clusterName(s.cluster());
    b.append(cluster == null ? "?" : SafeText.oneLine(cluster, 255));
    if (s.service() != null) {
      b.append('/').append(SafeText.oneLine(s.service(), 255));
    } else if (s instanceof StoppedTask t && t.group() != null) {
      b.append('/').append(SafeText.oneLine(t.group(), 255));
    } else if (s instanceof LongRunningTask t && t.group() != null) {
      b.append('/').append(SafeText.oneLine(t.group(), 255));
    }
    return b.toString();
  }

  /**
   * {@code StoppedTaskText.shortId(Arns.lastSegment(taskArn))}, without its two copies and its scan
   * when the id starts with eight letters, digits or dashes (every ECS task id): those eight are
   * what making the id safe and one line would leave at its start.
   */
  static String shortTaskId(String taskArn) {
    int from = taskArn.lastIndexOf('/') + 1;
    if (taskArn.length() - from >= 8) {
      boolean plain = true;
      for (int i = from; i < from + 8 && plain; i++) {
        char c = taskArn.charAt(i);
        plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
      }
      if (plain) {
        return taskArn.substring(from, from + 8);
      }
    }
    return StoppedTaskText.shortId(Arns.lastSegment(taskArn));
  }
}
