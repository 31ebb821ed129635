package io.ecsgate.slack;

import java.util.List;

/**
 * How sending one alert ended. Never an exception: a Slack outage must not change a gate's verdict.
 *
 * @param detail one line for people: where it went, or why not (an error code or HTTP status, never a secret)
 * @param payloads the JSON that was (or, for {@link Status#PRINTED} and {@link Status#SKIPPED}, would have been) sent, in order
 * @param ts the {@code ts} of the main message a bot posted (a dry run gives {@link #DRY_RUN_TS}), to update it later; else null
 */
public record SlackResult(Status status, String detail, List<String> payloads, String ts) {
  /** The ts a dry run gives the message it did not post, so that later updates can be shown too. */
  public static final String DRY_RUN_TS = "(dry run)";

  public SlackResult(Status status, String detail, List<String> payloads) {
    this(status, detail, payloads, null);
  }

  public enum Status {
    /** Delivered (the main message at least; {@link #detail} says when thread replies were not). */
    SENT,
    /** Dry run: rendered, not sent. */
    PRINTED,
    /** Not sent because nothing is configured (no token, no webhook). */
    SKIPPED,
    /** Slack was asked and did not take it: {@link #detail} says why. */
    FAILED
  }

  public SlackResult {
    payloads = payloads == null ? List.of() : List.copyOf(payloads);
  }

  public boolean failed() {
    return status == Status.FAILED;
  }
}
