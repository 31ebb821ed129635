package io.ecsgate.report;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.deployment.DeploymentState;
import io.ecsgate.classifier.deployment.FollowedDeployment;
import io.ecsgate.classifier.deployment.ServiceState;
import io.ecsgate.classifier.render.StoppedTaskText;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceEventLine;
import io.ecsgate.gate.GateListener;
import io.ecsgate.gate.ServiceProgress;
import io.ecsgate.gate.Watched;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gate's progress as lines on stderr, one per change and never a wall of identical lines: the
 * counts and rollout state when they change, each new service event once, each newly stopped task
 * of ours once, those a poll found stopped for the same reason folded into one line and a count
 * ({@link StoppedTaskBatch}). All progress line formats live here. Synchronized: the cancel path may
 * print while the poll thread does.
 */
public final class ProgressPrinter implements GateListener {
  private final PrintWriter out;
  private final Instant start;
  private final Map<String, String> lastState = new HashMap<>();
  private final Map<String, Instant> lastEvent = new HashMap<>();
  private final java.util.Set<String> shownHooks = new java.util.HashSet<>();
  /** The stopped tasks of the poll under way; the gate reports a service's poll (polled) after them. */
  private final StoppedTaskBatch stopped = new StoppedTaskBatch();
  private String lastError;

  public ProgressPrinter(PrintWriter out, Instant start) {
    this.out = out;
    this.start = start;
  }

  @Override
  public synchronized void started(Watched w, boolean deployed) {
    line(w.service(), (deployed ? "started deployment " : "gating deployment ") + w.deploymentId() + " ("
        + Arns.taskDefinition(w.taskDefinition()) + ")", w.startedAt());
    lastEvent.put(w.service(), w.startedAt().minusSeconds(1));
  }

  @Override
  public synchronized void polled(ServiceProgress p, Instant now) {
    printStopped();
    ServiceState s = p.service();
    DeploymentState ours = p.ours();
    FollowedDeployment followed = p.followed();
    String state = "running " + s.runningCount() + "/" + s.desiredCount() + ", pending " + s.pendingCount()
        + ", failed " + p.failedTasks() + "/" + p.failAfter()
        + (ours != null && ours.rolloutState() != null ? ", rollout " + ours.rolloutState() : "")
        + (s.deployments().size() > 1 ? ", " + s.deployments().size() + " deployments" : "")
        + (followed == null ? "" : deploymentState(followed));
    String service = p.watched().service();
    if (!Objects.equals(lastState.put(service, state), state)) {
      line(service, state, now);
    }
    FollowedDeployment.Hook hook = followed == null ? null : followed.pausedAt();
    if (hook != null && shownHooks.add(hook.id())) {
      line(service, "paused: lifecycle hook " + hook.id() + " awaits action after stage " + followed.lifecycleStage()
          + ", until " + StoppedTaskText.time(hook.expiresAt()) + " (then " + hook.timeoutAction() + "). Go on with: ecs-gate continue --cluster "
          + p.watched().cluster() + " --service " + service + "  (or: aws ecs continue-service-deployment"
          + " --service-deployment-arn " + followed.arn() + " --hook-id " + hook.id() + ")", now);
    }
    printNewEvents(service, p.events(), now);
  }

  /** The ServiceDeployment's own view: status when it is not simply under way, stage, traffic, breaker. */
  private static String deploymentState(FollowedDeployment d) {
    FollowedDeployment.Breaker breaker = d.breaker();
    return ("IN_PROGRESS".equals(d.status()) ? "" : ", service deployment " + d.status())
        + (d.lifecycleStage() == null ? "" : ", stage " + d.lifecycleStage())
        + (d.traffic() == null ? "" : String.format(java.util.Locale.ROOT, ", traffic %.0f%% (test %.0f%%)",
            d.traffic().production(), d.traffic().test()))
        + (breaker == null || !breaker.enabled() ? "" : ", circuit breaker " + breaker.failureCount() + "/" + breaker.threshold());
  }

  @Override
  public synchronized void taskStopped(Watched w, StoppedTask task, Verdict verdict, Instant now) {
    stopped.add(w.service(), task, verdict, now);
  }

  @Override
  public synchronized void decided(String service, Outcome outcome, String why, Instant now) {
    line(service, outcome + ": " + why, now);
  }

  /** A transient error while polling: shown once per distinct message, never turned into a verdict. */
  @Override
  public synchronized void pollFailed(String message, Duration retryIn, Instant now) {
    String m = SafeText.oneLine(message, 200);
    if (!m.equals(lastError)) {
      line(null, "AWS error while polling (retrying in " + retryIn.toSeconds() + "s): " + m, now);
      lastError = m;
    }
  }

  @Override
  public synchronized void pollRecovered() {
    printStopped();
    lastError = null;
  }

  @Override
  public synchronized void note(String service, String message, Instant now) {
    line(service, message, now);
  }

  /** Events come newest first; printed oldest first, each once. */
  private void printNewEvents(String service, List<ServiceEventLine> newestFirst, Instant now) {
    Instant since = lastEvent.getOrDefault(service, start);
    Instant newest = since;
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      ServiceEventLine e = newestFirst.get(i);
      if (e.createdAt().isAfter(since)) {
        line(service, "event: " + SafeText.oneLine(e.message(), 300), now);
        if (e.createdAt().isAfter(newest)) {
          newest = e.createdAt();
        }
      }
    }
    lastEvent.put(service, newest);
  }

  /** A line after the stopped tasks still held: they came first. */
  private void line(String service, String message, Instant now) {
    printStopped();
    print(service, message, now);
  }

  private void printStopped() {
    stopped.drain().forEach(l -> print(l.service(), l.text(), l.at()));
  }

  /**
   * Every line goes through {@link SafeText} whole: its parts come from ECS (ids, states, events,
   * reasons), from the user (names) and from us, and stderr is the GitLab job log, where an escape
   * sequence or a section marker in any part would act. Our own text has nothing it removes.
   */
  private void print(String service, String message, Instant now) {
    long s = Duration.between(start, now).toSeconds();
    out.printf("[%02d:%02d] %s%s%n", s / 60, s % 60, service == null ? "" : SafeText.strip(service) + ": ",
        SafeText.strip(message));
    out.flush();
  }
}
