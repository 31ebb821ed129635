package io.ecsgate.gate;

import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.report.Outcome;
import java.time.Duration;
import java.time.Instant;

/**
 * What the gate reports while it works, for whoever shows progress (the CLI prints one line per
 * change). Called from the gate's poll thread, and from the thread that cancels it; a listener that
 * prints must not interleave lines. A listener never changes a verdict, so it must not throw.
 */
public interface GateListener {

  /** The deployment the gate follows on a service: started by deploy, or adopted by wait. */
  void started(Watched watched, boolean deployed);

  /** One poll's view of a service; sent every poll, so the listener decides what changed. */
  void polled(ServiceProgress progress, Instant at);

  /** A task of our deployment stopped, seen for the first time, with the classifier's verdict. */
  void taskStopped(Watched watched, StoppedTask task, Verdict verdict, Instant at);

  /** A service has its verdict. */
  void decided(String service, Outcome outcome, String why, Instant at);

  /** ECS could not be read (throttling, 5xx, network); the gate polls again after {@code retryIn}. */
  void pollFailed(String message, Duration retryIn, Instant at);

  /** A poll succeeded after failures. */
  void pollRecovered();

  /** Anything else worth a line: a rollback done, reasons that could not be fetched. */
  void note(String service, String message, Instant at);

  /** Reports nothing: for callers that only want the final report. */
  GateListener SILENT = new GateListener() {
    @Override public void started(Watched watched, boolean deployed) {}
    @Override public void polled(ServiceProgress progress, Instant at) {}
    @Override public void taskStopped(Watched watched, StoppedTask task, Verdict verdict, Instant at) {}
    @Override public void decided(String service, Outcome outcome, String why, Instant at) {}
    @Override public void pollFailed(String message, Duration retryIn, Instant at) {}
    @Override public void pollRecovered() {}
    @Override public void note(String service, String message, Instant at) {}
  };
}
