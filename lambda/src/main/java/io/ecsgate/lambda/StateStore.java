package io.ecsgate.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the Lambda remembers between invocations: deliveries already counted, incidents and their
 * Slack messages, services below their desired count; and it reads what the gate recorded of the
 * deployments it gates. Every write is atomic (DynamoDB: conditional
 * writes, and one transaction for a delivery and its count), so concurrent invocations never
 * double-count or double-post.
 */
public interface StateStore {

  /**
   * Counts one failure once per delivery: records the delivery and counts the failure in one atomic
   * step, so a redelivery, a retried request or a crash between the two can neither count it twice
   * nor lose it. The count goes to the incident open for the key, or to a new one when there is
   * none, it recovered, or it opened longer than {@code window} ago.
   *
   * @param delivery what makes this failure the same when seen again; null: counted without a record
   * @return false when the delivery had been counted before (nothing changed)
   */
  boolean count(Delivery delivery, AlertKey key, IncidentFacts facts, Instant now, Duration window);

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

  /**
   * Records that the incident opened at {@code openedAt} also stands for the failed deployment
   * named {@code otherId} (its other id, see {@link DeploymentFailureJoin}), unless it already
   * stands for another one: an incident joins at most one deployment of each id kind.
   *
   * @return true when the incident stands for {@code otherId} now (just recorded or before); false
   *     when it stands for another id, or is gone or replaced by a newer incident of its key
   */
  boolean joinDeployment(AlertKey key, Instant openedAt, String otherId);

  /** Marks an incident recovered; false if it already was. */
  boolean recovered(AlertKey key, Instant at);

  /** When the service was first seen below its desired count (recording now if it was not). */
  Instant belowDesiredSince(String cluster, String service, Instant now);

  /** The service is back at its desired count; true if it had been seen below it. */
  boolean backToDesired(String cluster, String service);

  /** The gate's record of one of its deployments (the shared incident), or null when the gate did not record it. */
  GatedDeployment gated(String cluster, String service, String deploymentId);

  /** The gate's record of the service's most recently gated deployment, or null. */
  GatedDeployment latestGated(String cluster, String service);
}
