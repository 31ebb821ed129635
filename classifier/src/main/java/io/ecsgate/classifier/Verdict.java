package io.ecsgate.classifier;

import java.util.Objects;

/**
 * The classifier's answer for one signal.
 *
 * @param alert whether a person should hear about it
 * @param category why, as a stable id
 * @param summary one line a developer understands
 * @param hint what to check or do next
 * @param evidence what ECS said, quoted
 * @param rule the name of the rule that decided: a user rule's name, or {@code default:<id>}
 * @param deterministic the cause does not go away by retrying (an image or tag that does not exist,
 *     a pull or a secret the role may not read, a command that is not in the image): the gate fails
 *     a deployment at the first such task instead of waiting for more
 */
public record Verdict(
    boolean alert, Category category, String summary, String hint, Evidence evidence, String rule,
    boolean deterministic) {

  public Verdict {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(rule, "rule");
  }

  /** A verdict whose cause may go away on its own. */
  public Verdict(boolean alert, Category category, String summary, String hint, Evidence evidence, String rule) {
    this(alert, category, summary, hint, evidence, rule, false);
  }

  /** The same verdict decided differently by a user rule. */
  public Verdict decidedBy(String ruleName, boolean newAlert) {
    return new Verdict(newAlert, category, summary, hint, evidence, ruleName, deterministic && newAlert);
  }
}
