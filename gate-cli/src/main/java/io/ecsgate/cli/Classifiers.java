package io.ecsgate.cli;

import io.ecsgate.classifier.RuleSet;
import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.classifier.StopClassifier;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The classifier every verb judges with: the default policy, plus the rules file when one is given. */
final class Classifiers {
  private Classifiers() {}

  /**
   * @param err where the rules' warnings go, one line each (a file without rules, a rule that could
   *     not be evaluated), so that they reach the job log of a gate as well as a classify run's
   */
  static StopClassifier from(Path rulesFile, PrintWriter err) throws RulesFileException {
    if (rulesFile == null) {
      return StopClassifier.withDefaults();
    }
    return StopClassifier.with(RuleSet.load(rulesFile, warning -> {
      err.println("ecs-gate: " + warning);
      err.flush();
    }));
  }
}
