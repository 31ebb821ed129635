package io.ecsgate.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the Lambda remembers between invocations: deliveries already counted, incidents and their
 * Slack messages, services below their desired count. Every write is atomic on its own (DynamoDB:
 * conditional writes), so concurrent invocations never double-count or double-post.
 */
public interface StateStore {

  /** Records a delivery (an event id, or a task the sweep reported); false if it was recorded before. */
  boolean firstDelivery(String id, Instant expires);

  /** Forgets a delivery whose processing failed, so the retry counts it. */
  void forgetDelivery(String id);

  /**
   * Counts one failure: in the incident open for the key, or in a new one when there is none, it
   * recovered, or it opened longer than {@code window} ago.
   */
  Incident count(AlertKey key, IncidentFacts facts, Instant now, Duration window);

  /** The incident for the key, or null. */
  Incident read(AlertKey key);

  /** Takes the right to talk to Slack for this incident; false while another invocation holds it. */
  boolean lease(AlertKey key, Instant now, Duration holdFor);

  void release(AlertKey key);

  /**
   * Records what the message of {@code incident} shows, after a post or an update; ignored when
   * a new incident has replaced it meanwhile.
   */
  void shown(Incident incident, String channel, String ts, long count, boolean recoveryShown);

  /** Incidents of the subject that have not recovered (any age within the TTL). */
  List<Incident> unrecovered(String cluster, String subject);

  /** Marks an incident recovered; false if it already was. */
  boolean recovered(AlertKey key, Instant at);

  /** When the service was first seen below its desired count (recording now if it was not). */
  Instant belowDesiredSince(String cluster, String service, Instant now);

  /** The service is back at its desired count; true if it had been seen below it. */
  boolean backToDesired(String cluster, String service);
}
