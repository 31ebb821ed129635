package io.ecsgate.lambda;

import io.ecsgate.slack.SlackAlert.Details;
import java.util.List;

/**
 * One failure worth a message, from an event or the sweep.
 *
 * @param clusterArn the cluster's ARN, for tag routing (null when unknown)
 * @param delivery counts the finding once however often it is seen; null: counted each time (no id to tell)
 * @param details the thread replies of the incident's first message
 */
public record Finding(AlertKey key, IncidentFacts facts, String clusterArn, Delivery delivery, List<Details> details) {
  public Finding {
    details = details == null ? List.of() : List.copyOf(details);
  }
}
