package io.ecsgate.cli;

import io.ecsgate.diagnosis.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses duration flags with {@link Durations}: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h30m}, {@code PT1H}. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
