package io.ecsgate.classifier.deployment;

import io.ecsgate.classifier.report.Outcome;

/**
 * What the judge decided: the kind, one line a person understands, and the facts it rests on.
 * Callers act on the kind and print {@code why}; they never re-derive the kind from the text.
 */
public record Judgement(JudgementKind kind, String why, Evidence evidence) {
  public static final Judgement PENDING = new Judgement(JudgementKind.PENDING, null, new Evidence.None());

  public boolean isFinal() {
    return kind.isFinal();
  }

  /** STABLE or FAILED once final; null while pending. */
  public Outcome outcome() {
    return kind.outcome();
  }
}
