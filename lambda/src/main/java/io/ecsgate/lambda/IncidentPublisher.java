package io.ecsgate.lambda;

import io.ecsgate.slack.SlackAlert;
import io.ecsgate.slack.SlackAlert.Details;
import io.ecsgate.slack.SlackNotifier;
import io.ecsgate.slack.SlackResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Flood control: brings an incident's one Slack message up to date. Only the invocation holding
 * the incident's lease talks to Slack, so posts and updates never race and counts never go
 * backwards; the others have already counted their failure and return. The holder re-reads the
 * count after releasing the lease and goes again if it grew, so the last failure counted is
 * always shown.
 */
final class IncidentPublisher {
  /** Longer than the Slack module's retry budget, shorter than the function's timeout. */
  static final Duration LEASE = Duration.ofSeconds(50);
  /** After this, a holder leaves what is left to the next failure's invocation. */
  static final Duration MAX_PUBLISHING = Duration.ofSeconds(40);
  /** A webhook message cannot be updated: this stands in for its ts. */
  static final String WEBHOOK_TS = "(webhook)";

  @FunctionalInterface
  interface Pause {
    void pause(Duration d) throws InterruptedException;
  }

  private final StateStore state;
  private final Supplier<SlackNotifier> slack;
  private final Clock clock;
  private final Duration debounce;
  private final Pause pause;
  private final Consumer<SlackResult> sent;

  /**
   * @param debounce how long a holder waits before an update, so that a burst of failures costs
   *     a few chat.update calls rather than one each (Slack allows about 50 a minute)
   * @param slack made on first use: the token is read from Secrets Manager only when a message is due
   * @param sent sees every Slack result (the local runner prints the payloads)
   */
  IncidentPublisher(StateStore state, Supplier<SlackNotifier> slack, Clock clock, Duration debounce, Pause pause,
      Consumer<SlackResult> sent) {
    this.state = state;
    this.slack = slack;
    this.clock = clock;
    this.debounce = debounce;
    this.pause = pause;
    this.sent = sent;
  }

  /**
   * @param channel where a first message goes (later ones follow the message)
   * @param firstDetails the thread replies, sent only with the first message
   * @throws DeliveryFailedException when Slack refuses or cannot be reached
   */
  void publish(AlertKey key, String channel, List<Details> firstDetails) {
    publish(key, channel, null, firstDetails);
  }

  /**
   * @param threadTs the message (the gate's) whose thread the incident's first message replies in,
   *     or null for a main message of its own
   */
  void publish(AlertKey key, String channel, String threadTs, List<Details> firstDetails) {
    Instant giveUp = clock.instant().plus(MAX_PUBLISHING);
    while (clock.instant().isBefore(giveUp)) {
      Incident before = state.read(key);
      if (before == null || before.upToDate() || !state.lease(key, clock.instant(), LEASE)) {
        return;
      }
      try {
        if (before.ts() != null && !debounce.isZero()) {
          pause.pause(debounce);
        }
        Incident now = state.read(key);
        if (now != null && !now.upToDate()) {
          show(now, channel, threadTs, firstDetails);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        state.release(key);
      }
    }
  }

  private void show(Incident incident, String channel, String threadTs, List<Details> firstDetails) {
    boolean first = incident.ts() == null;
    boolean recovered = incident.recoveredAt() != null;
    SlackAlert alert = IncidentMessage.render(incident, first ? firstDetails : List.of());
    SlackResult result;
    if (first && threadTs != null) {
      result = slack.get().postInThread(channel, threadTs, alert); // later counts update this reply
    } else if (first || (WEBHOOK_TS.equals(incident.ts()) && recovered)) {
      result = slack.get().post(channel, alert); // a webhook's recovery is a message of its own
    } else if (WEBHOOK_TS.equals(incident.ts())) {
      result = null; // the count cannot be shown in a webhook message; the recovery will say it
    } else {
      result = slack.get().update(incident.channel(), incident.ts(), alert);
    }
    if (result != null) {
      sent.accept(result);
      if (result.failed()) {
        throw new DeliveryFailedException("failed to send the Slack message for " + describe(incident.key()) + ": "
            + result.detail());
      }
    }
    String ts = first ? (result.ts() != null ? result.ts() : WEBHOOK_TS) : incident.ts();
    state.shown(incident, first ? channel : incident.channel(), ts, incident.count(), recovered);
  }

  static String describe(AlertKey k) {
    return k.cluster() + "/" + k.subject() + " " + k.category() + " " + k.taskDefinition();
  }
}
