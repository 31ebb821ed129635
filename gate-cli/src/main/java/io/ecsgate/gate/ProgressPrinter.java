package io.ecsgate.gate;

import io.ecsgate.classifier.SafeText;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;

/**
 * Progress while waiting, one line per change and never a wall of identical lines: the counts and
 * rollout state when they change, each new service event once, each newly stopped task of ours
 * once. All progress line formats live here.
 */
final class ProgressPrinter {
  private final PrintWriter out;
  private final Instant start;
  private final Map<String, String> lastState = new HashMap<>();
  private final Map<String, Instant> lastEvent = new HashMap<>();
  private String lastError;

  ProgressPrinter(PrintWriter out, Instant start) {
    this.out = out;
    this.start = start;
  }

  void started(Watched w, boolean deployed) {
    line(w.service(), (deployed ? "started deployment " : "gating deployment ") + w.deploymentId() + " ("
        + io.ecsgate.classifier.Arns.taskDefinition(w.taskDefinition()) + ")", w.startedAt());
    lastEvent.put(w.service(), w.startedAt().minusSeconds(1));
  }

  void state(Watched w, Service s, int failed, int failAfter, String breaker, Instant now) {
    Deployment ours = s.deployments().stream().filter(d -> d.id().equals(w.deploymentId())).findFirst().orElse(null);
    String state = "running " + s.runningCount() + "/" + s.desiredCount() + ", pending " + s.pendingCount()
        + ", failed " + failed + "/" + failAfter
        + (ours != null && ours.rolloutState() != null ? ", rollout " + ours.rolloutStateAsString() : "")
        + (s.deployments().size() > 1 ? ", " + s.deployments().size() + " deployments" : "")
        + (breaker != null ? ", circuit breaker " + breaker : "");
    if (!Objects.equals(lastState.put(w.service(), state), state)) {
      line(w.service(), state, now);
    }
    printNewEvents(w.service(), s.events(), now);
  }

  void taskStopped(Watched w, FailedTaskTracker.NewStop stop, Instant now) {
    var e = stop.verdict().evidence();
    line(w.service(), "task " + shortId(stop.task().taskId()) + " stopped: " + stop.verdict().category()
        + (e.exitCode() != null ? " exit " + e.exitCode() : "")
        + (stop.verdict().alert() ? "" : " (not a failure)")
        + " - " + SafeText.oneLine(stop.verdict().summary(), 160), now);
  }

  /** A transient error while polling: shown once per distinct message, never turned into a verdict. */
  void pollError(String message, Duration retryIn, Instant now) {
    String m = SafeText.oneLine(message, 200);
    if (!m.equals(lastError)) {
      line(null, "AWS error while polling (retrying in " + retryIn.toSeconds() + "s): " + m, now);
      lastError = m;
    }
  }

  void pollRecovered() {
    lastError = null;
  }

  void note(String service, String message, Instant now) {
    line(service, message, now);
  }

  private void printNewEvents(String service, List<ServiceEvent> events, Instant now) {
    Instant since = lastEvent.getOrDefault(service, start);
    Instant newest = since;
    // DescribeServices lists events newest first; print them oldest first.
    for (int i = events.size() - 1; i >= 0; i--) {
      ServiceEvent e = events.get(i);
      if (e.createdAt() != null && e.createdAt().isAfter(since)) {
        line(service, "event: " + SafeText.oneLine(e.message(), 300), now);
        if (e.createdAt().isAfter(newest)) {
          newest = e.createdAt();
        }
      }
    }
    lastEvent.put(service, newest);
  }

  private void line(String service, String message, Instant now) {
    long s = Duration.between(start, now).toSeconds();
    out.printf("[%02d:%02d] %s%s%n", s / 60, s % 60, service == null ? "" : service + ": ", message);
    out.flush();
  }

  private static String shortId(String id) {
    return id == null ? "?" : id.length() > 8 ? id.substring(0, 8) : id;
  }
}
