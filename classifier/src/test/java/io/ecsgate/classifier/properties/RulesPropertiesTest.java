package io.ecsgate.classifier.properties;

import static io.ecsgate.classifier.properties.Tries.forAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ecsgate.classifier.EcsSignal;
import io.ecsgate.classifier.MalformedSignalException;
import io.ecsgate.classifier.RuleSet;
import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.classifier.SignalParser;
import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RulesYamlParser and StopClassifier with random rules: a file loads or is one RulesFileException
 * naming it; no rule makes classifying throw; and rules move verdicts only the way they say
 * (an exclusion that cannot match changes nothing, an exclusion never raises an alert, an
 * always-alert rule never silences one).
 */
class RulesPropertiesTest {
  /** A hang guard for each whole property, not a timing: backtracking regexes would run for minutes. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private static final SignalParser PARSER = new SignalParser(Corpus.JSON);

  /** Rules and the signals to classify with them: corpus events, mutated or not. */
  record Case(List<RulesGen.Rule> exclusions, List<RulesGen.Rule> alwaysAlert, List<String> sidecars,
      List<EcsSignal> signals) {
    String yaml() {
      return RulesGen.yaml(exclusions, alwaysAlert, sidecars);
    }

    @Override
    public String toString() {
      return yaml() + "\nsignals: " + signals;
    }
  }

  @Test
  void aRandomOrDamagedRulesFileLoadsOrIsOneRulesFileErrorNamingIt() {
    int[] outcomes = new int[2]; // loaded, refused: the generator must reach both
    assertTimeoutPreemptively(HANG_GUARD, () -> forAll(800, r -> {
      Case c = randomCase(r);
      return r.nextInt(4) == 0 ? c.yaml() : RulesGen.mutate(c.yaml(), r);
    }, yaml -> {
      try {
        RuleSet.parse(yaml, "rules.yaml", w -> { });
        outcomes[0]++;
      } catch (RulesFileException expected) {
        assertThat(expected.getMessage()).startsWith("rules.yaml").doesNotContain("\n");
        outcomes[1]++;
      }
    }));
    assertThat(outcomes[0]).as("loaded").isGreaterThan(100);
    assertThat(outcomes[1]).as("refused").isGreaterThan(100);
  }

  @Test
  void randomRegexesLoadOrAreRefusedAndNeverHangOnALongReason() {
    String reason = "Essential container in task exited ".repeat(300) + "a".repeat(5_000) + "!";
    assertTimeoutPreemptively(HANG_GUARD, () -> forAll(400, RulesPropertiesTest::randomRegex, regex -> {
      RuleSet rules;
      try {
        rules = RuleSet.parse("exclusions:\n  - name: r\n    stoppedReason: {regex: " + RulesGen.quote(regex) + "}\n",
            "rules.yaml", w -> { });
      } catch (RulesFileException expected) {
        assertThat(expected.getMessage()).startsWith("rules.yaml:");
        return;
      }
      StopClassifier.with(rules).classify(io.ecsgate.classifier.StoppedTask.builder()
          .lastStatus("STOPPED").stoppedReason(reason).build());
    }));
  }

  @Test
  void anExclusionThatCannotMatchChangesNoVerdict() {
    assertTimeoutPreemptively(HANG_GUARD, () -> forAll(200, RulesPropertiesTest::randomCase, c -> {
      RulesGen.Rule impossible = RulesGen.rule(new Random(c.hashCode()), "never");
      impossible.conditions().put("cluster", "no-such-cluster-" + Long.toHexString(Tries.SEED));
      List<RulesGen.Rule> more = new ArrayList<>(c.exclusions());
      more.add(new Random(c.signals().size()).nextBoolean() ? 0 : more.size(), impossible);

      List<Verdict> before = classify(c.yaml(), c.signals());
      List<Verdict> after = classify(RulesGen.yaml(more, c.alwaysAlert(), c.sidecars()), c.signals());

      assertThat(after).isEqualTo(before);
    }));
  }

  @Test
  void anExclusionNeverRaisesAnAlertAndAnAlwaysAlertRuleNeverSilencesOne() {
    int[] changed = new int[2]; // silenced by the added exclusion, raised by the added always-alert rule
    assertTimeoutPreemptively(HANG_GUARD, () -> forAll(300, RulesPropertiesTest::randomCase, c -> {
      Random r = new Random(c.toString().hashCode());
      List<RulesGen.Rule> moreExclusions = new ArrayList<>(c.exclusions());
      moreExclusions.add(r.nextInt(moreExclusions.size() + 1), RulesGen.rule(r, "added-exclusion"));
      List<RulesGen.Rule> moreAlwaysAlert = new ArrayList<>(c.alwaysAlert());
      moreAlwaysAlert.add(r.nextInt(moreAlwaysAlert.size() + 1), RulesGen.rule(r, "added-always"));

      List<Verdict> before = classify(c.yaml(), c.signals());
      List<Verdict> excluded = classify(RulesGen.yaml(moreExclusions, c.alwaysAlert(), c.sidecars()), c.signals());
      List<Verdict> alerted = classify(RulesGen.yaml(c.exclusions(), moreAlwaysAlert, c.sidecars()), c.signals());

      for (int i = 0; i < before.size(); i++) {
        if (!before.get(i).alert()) {
          assertThat(excluded.get(i).alert()).as("an exclusion raised an alert: %s", c.signals().get(i)).isFalse();
          changed[1] += alerted.get(i).alert() ? 1 : 0;
        }
        if (before.get(i).alert()) {
          assertThat(alerted.get(i).alert()).as("an always-alert rule silenced %s", c.signals().get(i)).isTrue();
          changed[0] += excluded.get(i).alert() ? 0 : 1;
        }
      }
    }));
    // Rules that never match would make this hold trivially. How many do match varies with the
    // seed (5 and fewer were seen): at least one each, or the property was not exercised.
    assertThat(changed[0]).as("alerts an added exclusion silenced").isPositive();
    assertThat(changed[1]).as("quiet items an added always-alert rule raised").isPositive();
  }

  private static List<Verdict> classify(String yaml, List<EcsSignal> signals) throws RulesFileException {
    StopClassifier classifier = StopClassifier.with(RuleSet.parse(yaml, "rules.yaml", w -> {
      if (w.contains("could not be evaluated")) {
        throw new AssertionError("no rule a file can express may fail to evaluate: " + w);
      }
    }));
    return signals.stream().map(classifier::classify).toList();
  }

  static Case randomCase(Random r) {
    List<EcsSignal> signals = new ArrayList<>();
    for (int i = 1 + r.nextInt(6); i > 0; i--) {
      var event = r.nextBoolean() ? Corpus.any(r) : Mutations.mutate(Corpus.any(r), r, 1 + r.nextInt(3));
      try {
        PARSER.parse(event).signals().stream().map(SourcedSignal::signal).forEach(signals::add);
      } catch (MalformedSignalException ignored) {
        // a mutation the parser refuses yields no signal to classify
      }
    }
    List<String> sidecars = r.nextInt(3) == 0 ? List.of(RulesGen.pick(r, List.of("log_router", "datadog-*", "*"))) : List.of();
    return new Case(RulesGen.rules(r, "exclusion-"), RulesGen.rules(r, "always-"), sidecars, signals);
  }

  private static String randomRegex(Random r) {
    List<String> tokens = List.of("(", ")", "*", "+", "?", "{3}", "{2,}", "{1000}", ".", "a", "b", "\\w", "\\s", "\\d",
        "|", "^", "$", "[a-z]", "[^x]", "(?i)", "(?:", "\\1", "(?=", "(?<!", "*+", "\\Q.\\E", "\\p{L}", "[[:alpha:]]",
        "\\", "[", "]", "{", "}", "x");
    StringBuilder s = new StringBuilder();
    for (int i = r.nextInt(20); i >= 0; i--) {
      s.append(RulesGen.pick(r, tokens));
    }
    return s.toString();
  }
}
