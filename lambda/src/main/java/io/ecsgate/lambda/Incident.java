package io.ecsgate.lambda;

import java.time.Instant;

/**
 * One failure and its Slack message, as the state store holds it.
 *
 * @param count failures counted (distinct deliveries)
 * @param openedAt the first failure of this window; tells this incident from a later one of the same key
 * @param lastAt the latest failure counted
 * @param channel where its message is; null until posted
 * @param ts its message; null until posted
 * @param shown the count the message shows
 * @param recoveredAt when the subject recovered; null while failing
 * @param recoveryShown whether the message says so
 */
public record Incident(
    AlertKey key, IncidentFacts facts, long count, Instant openedAt, Instant lastAt,
    String channel, String ts, long shown, Instant recoveredAt, boolean recoveryShown) {

  static Incident opened(AlertKey key, IncidentFacts facts, Instant now) {
    return new Incident(key, facts, 1, now, now, null, null, 0, null, false);
  }

  /** Whether Slack already shows everything the store knows. */
  boolean upToDate() {
    return ts != null && shown >= count && (recoveredAt == null || recoveryShown);
  }

  /** Whether a new failure belongs to a new incident: this one recovered or its window is over. */
  boolean closedAt(Instant now, java.time.Duration window) {
    return recoveredAt != null || openedAt.isBefore(now.minus(window));
  }
}
