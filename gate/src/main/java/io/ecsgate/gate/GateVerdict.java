package io.ecsgate.gate;

import io.ecsgate.classifier.deployment.Judgement;
import io.ecsgate.classifier.deployment.JudgementKind;
import io.ecsgate.classifier.report.Outcome;

/**
 * Where gating one service stands: pending, or an outcome with one line of why. The kind is the
 * judge's when the judge decided; null when the gate itself did (not gated, timed out, gone).
 */
record GateVerdict(Outcome outcome, String why, JudgementKind kind) {
  static final GateVerdict PENDING = new GateVerdict(null, null, JudgementKind.PENDING);

  static GateVerdict of(Judgement j) {
    return j.isFinal() ? new GateVerdict(j.outcome(), j.why(), j.kind()) : PENDING;
  }

  static GateVerdict notGated(String why) {
    return new GateVerdict(Outcome.NOT_GATED, why, null);
  }

  static GateVerdict timedOut(String why) {
    return new GateVerdict(Outcome.TIMED_OUT, why, null);
  }

  static GateVerdict cancelled(String why) {
    return new GateVerdict(Outcome.CANCELLED, why, null);
  }

  static GateVerdict failed(String why) {
    return new GateVerdict(Outcome.FAILED, why, null);
  }

  boolean isFinal() {
    return outcome != null;
  }
}
