package io.ecsgate.gate;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * Counts the service's "unable to place a task" events since our deployment started. A task that
 * can never be placed never stops, so no stopped task reveals it; the service events do, and the
 * classifier recognises them like any other signal.
 */
final class PlacementTracker {
  private final StopClassifier classifier;
  private final Watched watched;
  private final Set<String> counted = new HashSet<>();
  private String lastMessage;

  PlacementTracker(StopClassifier classifier, Watched watched) {
    this.classifier = classifier;
    this.watched = watched;
  }

  void observe(List<ServiceEvent> events) {
    for (ServiceEvent e : events) {
      if (e.id() == null || counted.contains(e.id()) || e.createdAt() == null
          || e.createdAt().isBefore(watched.startedAt())) {
        continue;
      }
      Verdict v = classifier.classify(new io.ecsgate.classifier.ServiceEvent(
          watched.cluster(), watched.service(), e.id(), e.message(), e.createdAt()));
      if (v.alert() && v.category() == Category.PLACEMENT) {
        counted.add(e.id());
        lastMessage = e.message();
      }
    }
  }

  int failures() {
    return counted.size();
  }

  /** The newest placement failure message, or null. */
  String lastMessage() {
    return lastMessage;
  }
}
