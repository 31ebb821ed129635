package io.ecsgate.lambda;

import java.time.Duration;

/**
 * What makes a failure the same failure when it is seen again: an event EventBridge or Lambda
 * delivers twice, a task the sweep finds on every run. The state store counts a failure once per
 * delivery id, and remembers the id for {@code remembered}.
 *
 * @param id unique per failure seen, e.g. {@code event#<EventBridge id>}
 */
public record Delivery(String id, Duration remembered) {
  /** EventBridge retries a target for up to 24 hours and Lambda an async event for up to 6. */
  static final Duration EVENT_MEMORY = Duration.ofDays(1);
  /** A task the sweep reported is reported once, however long it goes on running. */
  static final Duration SWEPT_TASK_MEMORY = Duration.ofDays(30);

  /**
   * One signal of an event.
   *
   * @param path where the signal was in the event ("" for the event itself)
   * @return null when the event has no id: it is counted every time it is seen
   */
  static Delivery ofEvent(String eventId, String path) {
    if (eventId == null) {
      return null;
    }
    return new Delivery("event#" + eventId + (path == null || path.isEmpty() ? "" : "#" + path), EVENT_MEMORY);
  }

  /** A pause hook lasts at most 14 days (timeoutInMinutes up to 20160); a day more covers EventBridge's retries. */
  static final Duration PAUSED_HOOK_MEMORY = Duration.ofDays(15);

  /**
   * A pause hook awaiting action, whatever event says so: its one message is posted once per hookId,
   * however often ECS or EventBridge repeats it.
   */
  static Delivery ofPausedHook(String hookId) {
    return new Delivery("hook-awaiting#" + hookId, PAUSED_HOOK_MEMORY);
  }

  /** A task the sweep found running too long. */
  static Delivery ofLongRunningTask(String taskArn) {
    return new Delivery("long-running#" + taskArn, SWEPT_TASK_MEMORY);
  }

  /** What one sweep (a scheduled event) found about one subject; null when the event has no id. */
  static Delivery ofSweep(String sweepEventId, String subject) {
    return sweepEventId == null ? null : new Delivery("sweep#" + sweepEventId + "#" + subject, EVENT_MEMORY);
  }
}
