package io.ecsgate.classifier;

import io.ecsgate.classifier.Glob;
import io.ecsgate.classifier.internal.RulesYamlParser;
import io.ecsgate.classifier.internal.UserRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The user's rules, from a YAML file shared by the CLI and the Lambda: exclusions (never alert),
 * always-alert overrides (win over exclusions and over the default policy), and sidecar names
 * (containers to treat as non-essential when the source does not say). The format is documented
 * in docs/classify.md, section "Rules file".
 */
public final class RuleSet {
  private static final RuleSet EMPTY = new RuleSet(List.of(), List.of(), List.of());

  private final List<UserRule> exclusions;
  private final List<UserRule> alwaysAlert;
  private final List<Glob> sidecars;
  private final Consumer<String> warnings;
  private final Set<String> failedRules = ConcurrentHashMap.newKeySet();

  /** Built by the parser; use {@link #load(Path, Consumer)}, {@link #parse(String, String, Consumer)} or {@link #empty()}. */
  public RuleSet(List<UserRule> exclusions, List<UserRule> alwaysAlert, List<Glob> sidecars) {
    this(exclusions, alwaysAlert, sidecars, RuleSet::toStderr);
  }

  /** @param warnings see {@link #load(Path, Consumer)} */
  public RuleSet(List<UserRule> exclusions, List<UserRule> alwaysAlert, List<Glob> sidecars,
      Consumer<String> warnings) {
    this.exclusions = List.copyOf(exclusions);
    this.alwaysAlert = List.copyOf(alwaysAlert);
    this.sidecars = List.copyOf(sidecars);
    this.warnings = warnings;
  }

  public static RuleSet empty() {
    return EMPTY;
  }

  /** {@link #load(Path, Consumer)} with warnings on stderr. */
  public static RuleSet load(Path file) throws RulesFileException {
    return load(file, RuleSet::toStderr);
  }

  /**
   * @param warnings told, one line each, what does not stop the rules from loading but deserves
   *     attention: a file without rules, a rule that could not be evaluated (once per rule)
   */
  public static RuleSet load(Path file, Consumer<String> warnings) throws RulesFileException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RulesFileException(file.toString(), 0, "cannot read rules file: " + e.getMessage());
    }
    return parse(text, file.toString(), warnings);
  }

  /** {@link #parse(String, String, Consumer)} with warnings on stderr. */
  public static RuleSet parse(String yaml, String sourceName) throws RulesFileException {
    return parse(yaml, sourceName, RuleSet::toStderr);
  }

  /**
   * @param sourceName the name errors carry, e.g. the file path
   * @param warnings see {@link #load(Path, Consumer)}
   */
  public static RuleSet parse(String yaml, String sourceName, Consumer<String> warnings) throws RulesFileException {
    RuleSet parsed = new RulesYamlParser(sourceName).parse(yaml);
    if (parsed.size() == 0 && parsed.sidecars.isEmpty()) {
      // Valid (an empty file is valid YAML), but whoever passed it meant some rules to apply.
      warnings.accept("warning: " + sourceName + " holds no rules: only the default policy applies");
    }
    return new RuleSet(parsed.exclusions, parsed.alwaysAlert, parsed.sidecars, warnings);
  }

  /**
   * Applies the user's rules to a default verdict: the first always-alert rule that matches wins,
   * else the first exclusion that matches, else the default stands.
   */
  public Verdict apply(EcsSignal signal, Verdict defaultVerdict) {
    if (alwaysAlert.isEmpty() && exclusions.isEmpty()) {
      return defaultVerdict; // no rules file: the common case, without an iterator per item
    }
    for (UserRule rule : alwaysAlert) {
      if (matches(rule, signal, defaultVerdict)) {
        return defaultVerdict.decidedBy(rule.name(), true);
      }
    }
    for (UserRule rule : exclusions) {
      if (matches(rule, signal, defaultVerdict)) {
        return defaultVerdict.decidedBy(rule.name(), false);
      }
    }
    return defaultVerdict;
  }

  /**
   * A rule that cannot be evaluated does not match: a user's rule must never turn a verdict by
   * throwing (an exception here would fail a stable deployment, or drop an alert). Regexes and
   * globs are linear and cannot overflow the stack, so this is a last line of defence; the first
   * failure of each rule is said once, so that a broken rule does not pass unnoticed.
   */
  private boolean matches(UserRule rule, EcsSignal signal, Verdict defaultVerdict) {
    try {
      return rule.matches(signal, defaultVerdict);
    } catch (RuntimeException | StackOverflowError e) {
      if (failedRules.add(rule.name())) {
        warnings.accept("warning: rule '" + rule.name() + "' could not be evaluated (" + e.getClass().getSimpleName()
            + "): it does not match where it fails (said once per rule)");
      }
      return false;
    }
  }

  /** Whether a container name is configured as a sidecar (non-essential). */
  public boolean isSidecar(String containerName) {
    for (int i = 0; i < sidecars.size(); i++) { // asked per container of every task: no stream
      if (sidecars.get(i).matches(containerName)) {
        return true;
      }
    }
    return false;
  }

  public int size() {
    return exclusions.size() + alwaysAlert.size();
  }

  private static void toStderr(String warning) {
    System.err.println(warning);
  }
}
