package io.ecsgate.classifier.input;

import io.ecsgate.classifier.SourcedSignal;

/** One thing read from an input: a signal, a value that was skipped, or a malformed one. */
public sealed interface InputItem {
  /** {@code FILE:LINE}, plus the path inside the value when it held several signals. */
  String location();

  record Signal(String location, SourcedSignal signal) implements InputItem {}

  record Skipped(String location, String why) implements InputItem {}

  record Malformed(String location, String problem) implements InputItem {}
}
