package io.ecsgate.cli;

/**
 * A failure the user can act on, with the exit code it maps to. Its message reads
 * {@code failed to <verb> <object>: <cause>} and is printed as one line.
 */
public final class CliFailure extends RuntimeException {
  private final int exitCode;

  public CliFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
