package io.ecsgate.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations as people write them: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h},
 * {@code 1m30s}, or ISO-8601 ({@code PT1H}).
 */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
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
        default -> Duration.ofHours(n);
      });
      end = m.end();
    }
    if (v.isEmpty() || end != v.length() || total.isZero()) {
      throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 5s, 2m, 1h30m)");
    }
    return total;
  }

  private static Duration iso(String value) {
    try {
      Duration d = Duration.parse(value);
      if (!d.isZero() && !d.isNegative()) {
        return d;
      }
    } catch (java.time.format.DateTimeParseException e) {
      // reported below
    }
    throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 5s, 2m, 1h30m)");
  }
}
