package io.ecsgate.cli;

import io.ecsgate.diagnosis.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses duration flags with {@link Durations}: {@code 500ms}, {@code 1.5s}, {@code 2m},
 * {@code 1h30m}, {@code PT1H}. It takes 0: whether 0 means anything depends on the flag, and the
 * command says so ({@code GateOptions.mistake}); a converter cannot name its flag.
 */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parseAllowingZero(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
