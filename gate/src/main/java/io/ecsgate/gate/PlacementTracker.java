package io.ecsgate.gate;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
import java.time.Duration;
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
 * once the newest such report has stayed unresolved (no "has started" event after it) with no
 * running and no pending task of our deployment for the grace period (--placement-grace), so a
 * shortage the scheduler clears by itself (a capacity provider scaling out) is not a verdict.
 */
final class PlacementTracker {
  private final StopClassifier classifier;
  private final Watched watched;
  /** Whether each event id is a placement failure, so each event is classified once. */
  private final Map<String, Boolean> placement = new HashMap<>();
  private final Duration grace;
  private Instant now = Instant.MIN;
  private String lastMessage;
  /** When the gate first saw the unresolved report with nothing of ours placed (its own clock). */
  private Instant unresolvedSince;

  PlacementTracker(StopClassifier classifier, Watched watched, Duration grace) {
    this.classifier = classifier;
    this.watched = watched;
    this.grace = grace;
  }

  /**
   * @param oursPlaced running plus pending tasks of our deployment in this poll
   * @param now the gate's clock: the events' times are ECS's, the grace is the gate's
   */
  void observe(List<ServiceEvent> events, int oursPlaced, Instant now) {
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
    boolean unresolved = lastFailure != null && (lastStart == null || lastStart.isBefore(lastFailure)) && oursPlaced == 0;
    if (!unresolved) {
      unresolvedSince = null;
    } else if (unresolvedSince == null) {
      // The grace runs from ECS's report, where its time is not ahead of ours (clock skew, or a
      // simulator running faster than real time); else from when the gate first saw it.
      unresolvedSince = lastFailure.isAfter(now) ? now : lastFailure;
    }
    lastMessage = unresolved ? message : null;
    this.now = now;
  }

  private boolean isPlacementFailure(ServiceEvent e) {
    return placement.computeIfAbsent(e.id(), id -> {
      Verdict v = classifier.classify(new io.ecsgate.classifier.ServiceEvent(
          watched.cluster(), watched.service(), e.id(), e.message(), e.createdAt()));
      return v.alert() && v.category() == Category.PLACEMENT;
    });
  }

  /** An unresolved placement failure, nothing of ours placed, for the grace period. */
  boolean failed() {
    return unresolvedSince != null && !now.isBefore(unresolvedSince.plus(grace));
  }

  /** The unresolved placement failure's message, or null. */
  String lastMessage() {
    return lastMessage;
  }
}
