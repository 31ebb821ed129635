package io.ecsgate.gate;

import io.ecsgate.classifier.report.Outcome;

/**
 * What one poll says about one service: still pending, or a final outcome with one line of why.
 *
 * @param rolledBackByEcs true when ECS itself restored another deployment (no --rollback needed)
 */
public record Judgement(Outcome outcome, String why, boolean rolledBackByEcs) {
  public static final Judgement PENDING = new Judgement(null, null, false);

  public boolean isFinal() {
    return outcome != null;
  }

  static Judgement stable(String why) {
    return new Judgement(Outcome.STABLE, why, false);
  }

  static Judgement failed(String why) {
    return new Judgement(Outcome.FAILED, why, false);
  }

  static Judgement rolledBack(String why) {
    return new Judgement(Outcome.FAILED, why, true);
  }
}
