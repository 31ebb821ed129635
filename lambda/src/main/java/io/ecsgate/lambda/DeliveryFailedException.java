package io.ecsgate.lambda;

/**
 * Slack did not take a message. Thrown out of the handler on purpose: the invocation fails, so
 * Lambda retries the event and finally sends it to the dead-letter queue; no alert is lost.
 */
public final class DeliveryFailedException extends RuntimeException {
  public DeliveryFailedException(String message) {
    super(message, null, false, false);
  }
}
