package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSetTest {

  private static StoppedTask drainedTask(String cluster) {
    return StoppedTask.builder()
        .cluster("arn:aws:ecs:ap-northeast-1:123456789012:cluster/" + cluster)
        .group("service:api").lastStatus("STOPPED").stopCode("ServiceSchedulerInitiated")
        .stoppedReason("Service api: container instance is in DRAINING state")
        .container(new ContainerExit("app", 143, null, "STOPPED", null, null))
        .build();
  }

  private static StoppedTask crashedTask(String cluster, int exitCode) {
    return StoppedTask.builder()
        .cluster(cluster).group("family:migrate").lastStatus("STOPPED")
        .stopCode("EssentialContainerExited").stoppedReason("Essential container in task exited")
        .taskDefinitionArn("arn:aws:ecs:ap-northeast-1:123456789012:task-definition/migrate:12")
        .container(new ContainerExit("migrate", exitCode, null, "STOPPED", null, null))
        .build();
  }

  @Test
  void exclusionsSilenceAndNameTheRuleThatDecided() throws Exception {
    RuleSet rules = RuleSet.parse("""
        exclusions:
          - name: migrations-may-fail-on-dev
            cluster: "dev-*"
            group: "family:migrate"
            exitCode: [1, 2]
        """, "rules.yaml");
    StopClassifier classifier = StopClassifier.with(rules);

    Verdict excluded = classifier.classify(crashedTask("dev-1", 1));
    Verdict otherCode = classifier.classify(crashedTask("dev-1", 3));
    Verdict otherCluster = classifier.classify(crashedTask("prod", 1));

    assertThat(excluded.alert()).isFalse();
    assertThat(excluded.rule()).isEqualTo("migrations-may-fail-on-dev");
    assertThat(excluded.category()).isEqualTo(Category.APP_EXIT);
    assertThat(otherCode.alert()).isTrue();
    assertThat(otherCluster.alert()).isTrue();
  }

  @Test
  void alwaysAlertOverridesExclusionsAndBenignDefaults() throws Exception {
    RuleSet rules = RuleSet.parse("""
        exclusions:
          - name: drains-are-noise
            stoppedReason:
              contains: draining state
        alwaysAlert:
          - name: prod-drains-matter
            cluster: "prod*"
            category: DRAINING
        """, "rules.yaml");
    StopClassifier classifier = StopClassifier.with(rules);

    Verdict prod = classifier.classify(drainedTask("prod-main"));
    Verdict dev = classifier.classify(drainedTask("dev"));

    assertThat(prod.alert()).isTrue();
    assertThat(prod.rule()).isEqualTo("prod-drains-matter");
    assertThat(dev.alert()).isFalse();
    assertThat(dev.rule()).isEqualTo("drains-are-noise");
  }

  @Test
  void textMatchersSupportPrefixRegexAndListsOfAlternatives() throws Exception {
    RuleSet rules = RuleSet.parse("""
        exclusions:
          - name: seed-000-exclusions
            stoppedReason:
              - prefix: "Scaling activity initiated by"
              - contains: "container instance is in DRAINING state"
              - regex: "ECS is performing maintenance on the underlying infrastructure"
          - name: by-task-definition
            taskDefinition: "migrate:1?"
        """, "rules.yaml");
    StopClassifier classifier = StopClassifier.with(rules);

    assertThat(classifier.classify(crashedTask("c", 1)).rule()).isEqualTo("by-task-definition");
    assertThat(classifier.classify(drainedTask("c")).rule()).isEqualTo("seed-000-exclusions");
  }

  @Test
  void clusterGlobsStartingWithArnMatchTheFullArn() throws Exception {
    RuleSet rules = RuleSet.parse("""
        exclusions:
          - name: tokyo-only
            cluster: "arn:aws:ecs:ap-northeast-1:*"
            exitCode: 1
        """, "rules.yaml");

    Verdict v = StopClassifier.with(rules).classify(crashedTask("arn:aws:ecs:ap-northeast-1:123456789012:cluster/x", 1));

    assertThat(v.rule()).isEqualTo("tokyo-only");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top-level key  | 'exclusion:\\n  - name: a\\n    stopCode: X\\n'                          | 1 | unknown key 'exclusion'
      rule without a name    | 'exclusions:\\n  - stopCode: X\\n'                                      | 2 | every rule needs a name
      rule without condition | 'exclusions:\\n  - name: a\\n'                                          | 2 | has no condition
      misspelt condition     | 'exclusions:\\n  - name: a\\n    stopedReason: {contains: x}\\n'        | 3 | unknown key 'stopedReason'
      exit code not a number | 'exclusions:\\n  - name: a\\n    exitCode: [1, one]\\n'                 | 3 | expected an exit code
      bad regex              | 'exclusions:\\n  - name: a\\n    stoppedReason:\\n      regex: \"(x\"\\n' | 4 | invalid regular expression
      unknown category       | 'alwaysAlert:\\n  - name: a\\n    category: OOM\\n'                      | 3 | unknown category 'OOM'
      duplicate rule name    | 'exclusions:\\n  - name: a\\n    stopCode: X\\n  - name: a\\n    stopCode: Y\\n' | 4 | is used by another rule
      bare string matcher    | 'exclusions:\\n  - name: a\\n    stoppedReason: draining\\n'            | 3 | say how to match
      yaml syntax            | 'exclusions:\\n  - name: a\\n   stopCode: [X\\n'                         | 3 | invalid YAML
      unsupported version    | 'version: 2\\n'                                                         | 1 | only version 1
      duplicate condition    | 'exclusions:\\n  - name: a\\n    cluster: dev\\n    cluster: \"*\"\\n'       | 4 | exclusions[0]: duplicate key 'cluster' (first on line 3)
      duplicate matcher key  | 'exclusions:\\n  - name: a\\n    stoppedReason: {contains: a, contains: b}\\n' | 3 | duplicate key 'contains'
      duplicate top-level    | 'exclusions: []\\nsidecars: [x]\\nexclusions:\\n  - name: a\\n    stopCode: X\\n' | 3 | the top level: duplicate key 'exclusions' (first on line 1)
      """)
  void badRulesFailAtLoadWithFileLineAndProblem(String what, String yaml, int line, String problem) {
    String text = yaml.replace("\\n", "\n");

    assertThatThrownBy(() -> RuleSet.parse(text, "team-rules.yaml"))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith("team-rules.yaml:" + line + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void aYamlErrorQuotingANewlineIsStillOneLine() {
    // A line holding only '*' (an alias without a name): SnakeYAML quotes the newline after it.
    assertThatThrownBy(() -> RuleSet.parse("exclusions:\n  - name: a\n*\n    stopCode: X\n", "rules.yaml"))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith("rules.yaml:3: invalid YAML: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void unreadableFileIsARulesFileError(@TempDir Path dir) {
    assertThatThrownBy(() -> RuleSet.load(dir.resolve("missing.yaml")))
        .isInstanceOf(RulesFileException.class)
        .hasMessageContaining("missing.yaml: cannot read rules file");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      zero bytes     | ''
      only comments  | '# nothing yet\\n'
      empty lists    | 'version: 1\\nexclusions: []\\nalwaysAlert:\\n'
      """)
  void aFileWithoutRulesLoadsAndSaysOnceThatOnlyTheDefaultsApply(String what, String yaml, @TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("empty.yaml"), yaml.replace("\\n", "\n"));
    List<String> warnings = new ArrayList<>();

    RuleSet rules = RuleSet.load(file, warnings::add);

    assertThat(rules.size()).isZero();
    assertThat(warnings).containsExactly("warning: " + file + " holds no rules: only the default policy applies");
  }

  @Test
  void sidecarsAloneAreRulesEnoughToSayNothing() throws Exception {
    List<String> warnings = new ArrayList<>();

    RuleSet.parse("sidecars: [log_router]\n", "r.yaml", warnings::add);

    assertThat(warnings).isEmpty();
  }
}
