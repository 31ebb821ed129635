package io.ecsgate.lambda;

/**
 * A Scheduled Event asked for the sweep where there is no AWS access to run it: only the local
 * runner without {@code --aws}, since the function always has its clients.
 */
public final class SweepUnavailableException extends RuntimeException {
  public SweepUnavailableException(String message) {
    super(message, null, false, false);
  }
}
