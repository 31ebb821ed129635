package io.ecsgate.classifier;

/** A JSON value that looks like an ECS signal but has a field of the wrong type or format. */
public final class MalformedSignalException extends Exception {
  public MalformedSignalException(String message) {
    super(message);
  }
}
