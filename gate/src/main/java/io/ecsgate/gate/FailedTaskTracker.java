package io.ecsgate.gate;

import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.diagnosis.EcsReads;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the failed tasks of our deployment ourselves: the service's STOPPED tasks, each new one
 * DescribeTasks'd once, kept when its startedBy is our deployment id, and judged by the classifier.
 * A task counts as failed when its verdict alerts, so a Spot interruption or a scale-in of ours
 * does not. We do not trust the deployment's {@code failedTasks}: ECS counts only tasks that never
 * reach RUNNING (or fail health checks), and resets the count after one healthy task.
 */
final class FailedTaskTracker {
  private final EcsReads reads;
  private final StopClassifier classifier;
  private final Watched watched;
  private final Set<String> seen = new HashSet<>();
  private int failed;
  private Verdict deterministic;

  /** A task of ours that stopped, with its verdict, seen for the first time in this poll. */
  record NewStop(StoppedTask task, Verdict verdict) {}

  FailedTaskTracker(EcsReads reads, StopClassifier classifier, Watched watched) {
    this.reads = reads;
    this.classifier = classifier;
    this.watched = watched;
  }

  /** Looks for newly stopped tasks of our deployment; returns them (the count is kept). */
  List<NewStop> poll() {
    List<String> fresh = new ArrayList<>();
    for (String arn : reads.stoppedTaskArns(watched.cluster(), watched.service())) {
      if (!seen.contains(arn)) {
        fresh.add(arn);
      }
    }
    if (fresh.isEmpty()) {
      return List.of();
    }
    List<NewStop> stops = new ArrayList<>();
    for (StoppedTask task : reads.stoppedTasks(watched.cluster(), fresh)) {
      if (!watched.deploymentId().equals(task.startedBy())) {
        continue;  // another deployment's (the one we replace, or one that took over)
      }
      Verdict v = classifier.classify(task);
      stops.add(new NewStop(task, v));
      if (v.alert()) {
        failed++;
        if (v.deterministic() && deterministic == null) {
          deterministic = v;
        }
      }
    }
    // Marked seen only once described, ours or not, so each is described once; a DescribeTasks
    // that throws is retried at the next poll.
    seen.addAll(fresh);
    return stops;
  }

  /** The first failure of ours that retrying cannot fix, or null. */
  Verdict deterministic() {
    return deterministic;
  }

  int failed() {
    return failed;
  }
}
