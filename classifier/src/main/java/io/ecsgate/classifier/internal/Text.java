package io.ecsgate.classifier.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Text helpers for reason strings: ECS reasons are long, sometimes multi-line, sometimes truncated. */
public final class Text {
  private Text() {}

  /** Longest reason excerpt put into a one-line summary. */
  public static final int EXCERPT_LENGTH = 200;

  public static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  public static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  /** Collapses whitespace (newlines included) to single spaces and shortens to {@code max} chars. */
  public static String oneLine(String s, int max) {
    if (s == null) {
      return "";
    }
    String flat = collapseWhitespace(s.strip());
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }

  /**
   * {@code replaceAll("\\s+", " ")} without a regex (it ran on every reason of every task): each
   * run of ASCII white space ({@code [ \t\n\x0B\f\r]}, what {@code \s} means) becomes one space.
   * Text without such a run comes back as it is.
   */
  static String collapseWhitespace(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (isSpace(c) && (c != ' ' || (i + 1 < n && isSpace(s.charAt(i + 1))))) {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    StringBuilder b = new StringBuilder(n).append(s, 0, i);
    while (i < n) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        b.append(' ');
        while (i < n && isSpace(s.charAt(i))) {
          i++;
        }
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  public static String excerpt(String s) {
    return oneLine(s, EXCERPT_LENGTH);
  }

  /** A time to the second, ISO-8601 UTC ({@code 2026-03-02T09:01:30Z}), or "-" for none. */
  public static String time(Instant t) {
    return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The first 8 characters of a task id (enough to find it in the console), or "?" for none. */
  public static String shortId(String taskId) {
    return taskId == null ? "?" : taskId.length() > 8 ? taskId.substring(0, 8) : taskId;
  }
}
