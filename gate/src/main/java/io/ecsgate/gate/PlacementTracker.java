package io.ecsgate.gate;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * Watches the service's events for a placement failure since our deployment started. A task that
 * can never be placed never stops, so no stopped task reveals it; the service events do, and the
 * classifier recognises them like any other signal.
 *
 * <p>ECS reports an identical "unable to place a task" once, and again only after the cause was
 * resolved or about six hours passed: one report is all the gate will get. It fails the deployment
 * when the newest such report is still unresolved (no "has started" event after it) at the next
 * poll too, so a shortage that the scheduler clears by itself a moment later is not a verdict.
 */
final class PlacementTracker {
  private final StopClassifier classifier;
  private final Watched watched;
  /** Whether each event id is a placement failure, so each event is classified once. */
  private final Map<String, Boolean> placement = new HashMap<>();
  private String lastMessage;
  private int pollsUnresolved;

  PlacementTracker(StopClassifier classifier, Watched watched) {
    this.classifier = classifier;
    this.watched = watched;
  }

  void observe(List<ServiceEvent> events) {
    Instant lastFailure = null;
    Instant lastStart = null;
    String message = null;
    for (ServiceEvent e : events) {
      if (e.id() == null || e.createdAt() == null || e.createdAt().isBefore(watched.startedAt())) {
        continue;
      }
      if (isPlacementFailure(e) && (lastFailure == null || e.createdAt().isAfter(lastFailure))) {
        lastFailure = e.createdAt();
        message = e.message();
      } else if (e.message() != null && e.message().contains(" has started ")
          && (lastStart == null || e.createdAt().isAfter(lastStart))) {
        lastStart = e.createdAt();
      }
    }
    boolean unresolved = lastFailure != null && (lastStart == null || lastStart.isBefore(lastFailure));
    pollsUnresolved = unresolved ? pollsUnresolved + 1 : 0;
    lastMessage = unresolved ? message : null;
  }

  private boolean isPlacementFailure(ServiceEvent e) {
    return placement.computeIfAbsent(e.id(), id -> {
      Verdict v = classifier.classify(new io.ecsgate.classifier.ServiceEvent(
          watched.cluster(), watched.service(), e.id(), e.message(), e.createdAt()));
      return v.alert() && v.category() == Category.PLACEMENT;
    });
  }

  /** An unresolved placement failure seen at two polls in a row. */
  boolean failed() {
    return pollsUnresolved >= 2;
  }

  /** The unresolved placement failure's message, or null. */
  String lastMessage() {
    return lastMessage;
  }
}
