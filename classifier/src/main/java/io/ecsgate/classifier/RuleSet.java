package io.ecsgate.classifier;

import io.ecsgate.classifier.Glob;
import io.ecsgate.classifier.internal.RulesYamlParser;
import io.ecsgate.classifier.internal.UserRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

  /** Built by the parser; use {@link #load(Path)}, {@link #parse(String, String)} or {@link #empty()}. */
  public RuleSet(List<UserRule> exclusions, List<UserRule> alwaysAlert, List<Glob> sidecars) {
    this.exclusions = List.copyOf(exclusions);
    this.alwaysAlert = List.copyOf(alwaysAlert);
    this.sidecars = List.copyOf(sidecars);
  }

  public static RuleSet empty() {
    return EMPTY;
  }

  public static RuleSet load(Path file) throws RulesFileException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RulesFileException(file.toString(), 0, "cannot read rules file: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** @param sourceName the name errors carry, e.g. the file path */
  public static RuleSet parse(String yaml, String sourceName) throws RulesFileException {
    return new RulesYamlParser(sourceName).parse(yaml);
  }

  /**
   * Applies the user's rules to a default verdict: the first always-alert rule that matches wins,
   * else the first exclusion that matches, else the default stands.
   */
  public Verdict apply(EcsSignal signal, Verdict defaultVerdict) {
    for (UserRule rule : alwaysAlert) {
      if (rule.matches(signal, defaultVerdict)) {
        return defaultVerdict.decidedBy(rule.name(), true);
      }
    }
    for (UserRule rule : exclusions) {
      if (rule.matches(signal, defaultVerdict)) {
        return defaultVerdict.decidedBy(rule.name(), false);
      }
    }
    return defaultVerdict;
  }

  /** Whether a container name is configured as a sidecar (non-essential). */
  public boolean isSidecar(String containerName) {
    return sidecars.stream().anyMatch(g -> g.matches(containerName));
  }

  public int size() {
    return exclusions.size() + alwaysAlert.size();
  }
}
