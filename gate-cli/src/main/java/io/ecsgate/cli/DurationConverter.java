package io.ecsgate.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 90s}, {@code 15m}, {@code 1h}, {@code 1h30m}, or ISO-8601 ({@code PT1H}). */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Duration d;
    Matcher m = SHORT.matcher(v);
    if (!v.isEmpty() && m.matches()) {
      d = Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2))).plusSeconds(number(m.group(3)));
    } else {
      try {
        d = Duration.parse(value.trim());
      } catch (RuntimeException e) {
        throw new TypeConversionException("expected a duration such as 90s, 15m, 1h or 1h30m, got '" + value + "'");
      }
    }
    if (d.isZero() || d.isNegative()) {
      throw new TypeConversionException("the duration must be positive: '" + value + "'");
    }
    return d;
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }
}
