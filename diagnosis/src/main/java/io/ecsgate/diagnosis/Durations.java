package io.ecsgate.diagnosis;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, the same in CLI flags and Lambda settings: {@code 500ms},
 * {@code 5s}, {@code 1.5s}, {@code 2m}, {@code 1h}, {@code 1m30s}, or ISO-8601 ({@code PT1H}).
 * Fractions are accepted down to the millisecond, as ISO-8601's {@code PT1.5S} always was. A
 * mistake is named: a number without its unit, an unknown unit, a negative value.
 */
public final class Durations {
  /** One number and its unit; a number may have a fraction. */
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
  private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?");
  private static final Pattern NUMBER_AND_WORD = Pattern.compile("\\d+(\\.\\d+)?([a-z]+)");
  private static final String EXAMPLES = "e.g. 500ms, 1.5s, 2m, 1h30m, 1d";

  private Durations() {}

  /** @throws IllegalArgumentException naming the value and the mistake, when it is not a duration above 0 */
  public static Duration parse(String value) {
    Duration d = parseAllowingZero(value);
    if (d.isZero()) {
      throw new IllegalArgumentException("'" + value + "' is zero: a duration above 0 is needed (" + EXAMPLES + ")");
    }
    return d;
  }

  /**
   * A duration of 0 or more, for settings where 0 means something (the caller says what).
   *
   * @throws IllegalArgumentException naming the value and the mistake
   */
  public static Duration parseAllowingZero(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("-")) {
      throw negative(value);
    }
    if (v.startsWith("pt")) {
      return iso(value.trim());
    }
    Matcher m = PART.matcher(v);
    BigDecimal millis = BigDecimal.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      millis = millis.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitMillis(m.group(2)))));
      end = m.end();
    }
    if (v.isEmpty() || end != v.length()) {
      throw notADuration(value, v);
    }
    if (millis.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("'" + value + "' is finer than a millisecond (" + EXAMPLES + ")");
    }
    try {
      return Duration.ofMillis(millis.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + value + "' is too long");
    }
  }

  private static long unitMillis(String unit) {
    return switch (unit) {
      case "ms" -> 1;
      case "s" -> 1000;
      case "m" -> 60_000;
      case "h" -> 3_600_000;
      default -> 86_400_000;
    };
  }

  private static Duration iso(String value) {
    Duration d;
    try {
      d = Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw notADuration(value, "");
    }
    if (d.isNegative()) {
      throw negative(value);
    }
    return d;
  }

  private static IllegalArgumentException negative(String value) {
    return new IllegalArgumentException("'" + value + "' is negative: a duration is 0 or more (" + EXAMPLES + ")");
  }

  /** What is wrong with it, where a common slip can be named: no unit, or a unit we do not know. */
  private static IllegalArgumentException notADuration(String value, String lower) {
    if (NUMBER.matcher(lower).matches()) {
      return new IllegalArgumentException("'" + value + "' has no unit: write " + lower + "s, " + lower + "m or "
          + lower + "ms (" + EXAMPLES + ")");
    }
    Matcher unit = NUMBER_AND_WORD.matcher(lower);
    if (unit.matches()) {
      return new IllegalArgumentException("'" + value + "' has an unknown unit '" + unit.group(2)
          + "': the units are ms, s, m, h and d (" + EXAMPLES + ")");
    }
    return new IllegalArgumentException("'" + value + "' is not a duration (" + EXAMPLES + ")");
  }
}
