package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ecsgate.classifier.internal.TextMatcher;
import io.ecsgate.classifier.internal.UserRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The regexes of a rules file run in linear time (RE2/J), and no rule can change a verdict by
 * throwing. The timeouts are hang guards, not timings: a backtracking engine runs for minutes (or
 * overflows its stack) on these inputs, a linear one takes milliseconds.
 */
class UserRegexTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(5);

  private static StoppedTask crashed(String reason) {
    return StoppedTask.builder()
        .cluster("prod").group("service:api").lastStatus("STOPPED")
        .stopCode("EssentialContainerExited").stoppedReason(reason)
        .container(new ContainerExit("app", 1, null, "STOPPED", null, null))
        .build();
  }

  private static StopClassifier excluding(String regex) throws RulesFileException {
    return StopClassifier.with(RuleSet.parse("""
        exclusions:
          - name: by-regex
            stoppedReason:
              regex: '%s'
        """.formatted(regex), "rules.yaml"));
  }

  @Test
  void nestedStarsOnALongTextThatDoesNotMatchFinishAndDoNotMatch() throws Exception {
    StopClassifier classifier = excluding("(.*a){12}$");
    String reason = "a".repeat(5_000) + "b";

    Verdict v = assertTimeoutPreemptively(HANG_GUARD, () -> classifier.classify(crashed(reason)));

    assertThat(v.alert()).isTrue();
    assertThat(v.rule()).isEqualTo("default:app-exit");
  }

  @Test
  void aRepeatedGroupOnATenKilobyteReasonMatchesWithoutOverflowingTheStack() throws Exception {
    StopClassifier classifier = excluding("^(\\w+\\s?)*$");
    String words = "word ".repeat(2_048).strip();

    Verdict matching = assertTimeoutPreemptively(HANG_GUARD, () -> classifier.classify(crashed(words)));
    Verdict notMatching = assertTimeoutPreemptively(HANG_GUARD, () -> classifier.classify(crashed(words + "!")));

    assertThat(matching.rule()).isEqualTo("by-regex");
    assertThat(matching.alert()).isFalse();
    assertThat(notMatching.rule()).isEqualTo("default:app-exit");
    assertThat(notMatching.alert()).isTrue();
  }

  @Test
  void perlSyntaxThatRe2SupportsStillWorks() throws Exception {
    StopClassifier classifier = excluding("(?i)^essential container .* exited$");

    assertThat(classifier.classify(crashed("Essential container in task exited")).rule()).isEqualTo("by-regex");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      task id          | '[0-9a-f]{32}'
      task ARN         | 'arn:aws:ecs:[a-z0-9-]+:\\d{12}:task/[^/]+/[0-9a-f]{32}'
      long repetition  | 'x{1000}'
      literal braces   | 'a{b}c{,2}'
      quoted block     | '\\Q(a{1000}){1000}\\E'
      """)
  void ordinaryRegexesWithCountedRepetitionsLoad(String what, String regex) throws Exception {
    String yaml = "exclusions:\n  - name: a\n    stoppedReason:\n      regex: '" + regex + "'\n";

    assertThat(RuleSet.parse(yaml, "r.yaml").size()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      backreference | (a+)\\\\1
      lookahead     | exited(?=.*OOM)
      lookbehind    | (?<!soft )limit
      possessive    | a*+b
      """)
  void aRegexRe2CannotRunIsRefusedAtLoadWithItsLine(String what, String regex) {
    String yaml = "exclusions:\n  - name: a\n    stoppedReason:\n      regex: \"" + regex + "\"\n";

    assertThatThrownBy(() -> RuleSet.parse(yaml, "team-rules.yaml"))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith("team-rules.yaml:4: exclusions[0].stoppedReason.regex: ")
        .hasMessageContaining("not supported");
  }

  @Test
  void aRuleThatThrowsDoesNotMatchTheDefaultDecidesAndItIsSaidOnce() throws Exception {
    // No rule a file can express throws any more; a matcher without its compiled regex stands in.
    UserRule broken = rule("broken", List.of(new TextMatcher(TextMatcher.Kind.REGEX, "x", null)));
    UserRule benign = rule("benign", List.of(TextMatcher.of(TextMatcher.Kind.CONTAINS, "benign")));
    List<String> warnings = new ArrayList<>();
    RuleSet rules = new RuleSet(List.of(broken, benign), List.of(broken), List.of(), warnings::add);
    StopClassifier classifier = StopClassifier.with(rules);

    Verdict crash = classifier.classify(crashed("x"));
    Verdict excluded = classifier.classify(crashed("benign"));

    assertThat(crash.alert()).isTrue();
    assertThat(crash.rule()).isEqualTo("default:app-exit");
    assertThat(excluded.rule()).as("the next rule still decides").isEqualTo("benign");
    assertThat(warnings).containsExactly(
        "warning: rule 'broken' could not be evaluated (NullPointerException): it does not match where it fails"
            + " (said once per rule)");
  }

  @Test
  void aRegexWhoseProgramWouldExplodeIsRefusedAtLoad() {
    String yaml = "exclusions:\n  - name: a\n    stoppedReason:\n      - contains: x\n      - regex: '((a{1000}){1000}){1000}'\n";

    assertThatThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> RuleSet.parse(yaml, "r.yaml")))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith("r.yaml:5: exclusions[0].stoppedReason[1].regex: regular expression too large");
  }

  @Test
  void aRegexNestedThousandsDeepIsRefusedAtLoadNotAStackOverflow() {
    String regex = "(".repeat(5_000) + "x" + ")".repeat(5_000);
    String yaml = "exclusions:\n  - name: a\n    stoppedReason:\n      regex: '" + regex + "'\n";

    assertThatThrownBy(() -> RuleSet.parse(yaml, "r.yaml"))
        .isInstanceOf(RulesFileException.class)
        .hasMessageContaining("r.yaml:4: exclusions[0].stoppedReason.regex: regular expression nested more than");
  }

  private static UserRule rule(String name, List<TextMatcher> stoppedReason) {
    return new UserRule(name, stoppedReason, List.of(), Set.of(), Set.of(), List.of(), List.of(), List.of(),
        List.of(), Set.of(), Set.of());
  }
}
