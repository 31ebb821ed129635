package io.ecsgate.diagnosis;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, the same in CLI flags and Lambda settings: {@code 500ms},
 * {@code 5s}, {@code 2m}, {@code 1h}, {@code 1m30s}, or ISO-8601 ({@code PT1H}). Always positive.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** @throws IllegalArgumentException naming the value, when it is not a positive duration */
  public static Duration parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("pt")) {
      return iso(value.trim());
    }
    Matcher m = PART.matcher(v);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      end = m.end();
    }
    if (v.isEmpty() || end != v.length() || total.isZero()) {
      throw notADuration(value);
    }
    return total;
  }

  private static Duration iso(String value) {
    try {
      Duration d = Duration.parse(value);
      if (!d.isZero() && !d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw notADuration(value);
  }

  private static IllegalArgumentException notADuration(String value) {
    return new IllegalArgumentException("'" + value + "' is not a duration (e.g. 500ms, 5s, 2m, 1h30m, 1d)");
  }
}
