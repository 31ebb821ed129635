package io.ecsgate.cli;

import io.ecsgate.classifier.deployment.LifecycleStages;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** --until: a lifecycle stage or one of its aliases, to the stage's API name. */
final class StageConverter implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    String stage = LifecycleStages.parse(value);
    if (stage == null) {
      throw new TypeConversionException("'" + value + "' is not a lifecycle stage; one of: "
          + String.join(", ", LifecycleStages.names()));
    }
    return stage;
  }
}
