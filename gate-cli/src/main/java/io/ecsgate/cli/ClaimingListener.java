package io.ecsgate.cli;

import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.gate.GateListener;
import io.ecsgate.gate.ServiceProgress;
import io.ecsgate.gate.Watched;
import java.time.Duration;
import java.time.Instant;

/**
 * Passes the gate's progress on, and records each deployment in the state table the moment the
 * gate knows it: right after UpdateService (deploy) or when wait adopts it, before its tasks can
 * have stopped, so the detector finds the claim before it sees their failures.
 */
final class ClaimingListener implements GateListener {
  private final GateListener next;
  private final StateTableRecords records;

  ClaimingListener(GateListener next, StateTableRecords records) {
    this.next = next;
    this.records = records;
  }

  @Override
  public void started(Watched watched, boolean deployed) {
    records.claim(watched);
    next.started(watched, deployed);
  }

  @Override
  public void polled(ServiceProgress progress, Instant at) {
    next.polled(progress, at);
  }

  @Override
  public void taskStopped(Watched watched, StoppedTask task, Verdict verdict, Instant at) {
    next.taskStopped(watched, task, verdict, at);
  }

  @Override
  public void decided(String service, Outcome outcome, String why, Instant at) {
    next.decided(service, outcome, why, at);
  }

  @Override
  public void pollFailed(String message, Duration retryIn, Instant at) {
    next.pollFailed(message, retryIn, at);
  }

  @Override
  public void pollRecovered() {
    next.pollRecovered();
  }

  @Override
  public void note(String service, String message, Instant at) {
    next.note(service, message, at);
  }
}
