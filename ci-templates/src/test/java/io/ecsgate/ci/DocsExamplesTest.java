package io.ecsgate.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GitLab CI page of the docs ({@code docs/gitlab-ci.md}) is copy-paste material: every
 * {@code .gitlab-ci.yml} it shows is valid GitLab CI as written and once its includes are resolved
 * to this repository's templates (inputs checked and interpolated, {@code extends} merged), its
 * inputs table lists exactly the templates' inputs with their types and defaults, and its IAM
 * documents are JSON.
 */
class DocsExamplesTest {
  private static final String PAGE = page();

  /** The whole page: every example and table on it is about the templates. */
  private static String page() {
    String page = CiFiles.read(CiFiles.GITLAB_CI_DOC);
    assertThat(page).as("%s is the GitLab CI page", CiFiles.GITLAB_CI_DOC).startsWith("# GitLab CI\n");
    return page;
  }

  private static List<String> blocks(String language) {
    Matcher m = Pattern.compile("(?s)```" + language + "\n(.*?)```").matcher(PAGE);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  /** Every pipeline the GitLab CI page and the getting-started guide show. */
  static Stream<String> pipelines() {
    Matcher m = Pattern.compile("(?s)```yaml\n(.*?)```").matcher(CiFiles.read(CiFiles.REPO.resolve("docs/getting-started.md")));
    List<String> guide = new ArrayList<>();
    while (m.find()) {
      guide.add(m.group(1));
    }
    assertThat(guide).as("the getting-started guide's pipeline").hasSize(1);
    return Stream.concat(blocks("yaml").stream(), guide.stream());
  }

  @Test
  void showsEveryWayOfIncluding() {
    String all = String.join("\n", blocks("yaml"));

    assertThat(blocks("yaml")).hasSizeGreaterThanOrEqualTo(8);
    assertThat(all).contains("- component: ", "- project: ", "- remote: ", "inputs:",
        "/deploy-gate@", "/deploy-gate-manual@", "/wait-gate@", "file: ci-templates/classic/ecs-gate.gitlab-ci.yml",
        "extends: .ecs-gate-deploy", "extends: .ecs-gate-deploy-manual", "extends: .ecs-gate-wait");
    // The component's files read component.version, which GitLab gives only to include: component.
    assertThat(all).doesNotContainPattern("file: /?templates/");
  }

  /** The first example is the promised three lines, at a released version, without an image. */
  @Test
  void theFirstExampleIsThreeLines() {
    String first = blocks("yaml").get(0);

    assertThat(first.strip().lines()).hasSize(3);
    assertThat(first).containsPattern("/deploy-gate@[0-9]+\\.[0-9]+\\.[0-9]+\n").doesNotContain("cli_image");
  }

  @ParameterizedTest(name = "[{index}]")
  @MethodSource("pipelines")
  void eachExampleIsValidAsWrittenAndOnceComposed(String example) {
    Map<String, Object> pipeline = CiFiles.yamlMap(example);
    assertThat(pipeline).as(example).containsKey("include");
    assertThat(GitlabCiSchema.validate(pipeline)).as("as written:%n%s", example).isEmpty();

    Map<String, Object> composed = Pipelines.compose(pipeline);

    assertThat(GitlabCiSchema.validate(composed)).as("composed:%n%s", example).isEmpty();
    Map<String, Map<String, Object>> jobs = Pipelines.jobs(composed);
    long gates = jobs.entrySet().stream().filter(e -> String.valueOf(e.getValue().get("script")).contains("ecs-gate \"$@\"")).count();
    assertThat(gates).as("ecs-gate jobs in:%n%s", example).isPositive();
    jobs.forEach((name, job) -> {
      assertThat(GitlabCiSchema.gitlabRules(name, job)).as(name).isEmpty();
      if (String.valueOf(job.get("script")).contains("ecs-gate")) {
        Map<String, String> vars = Pipelines.variablesOf(composed, job);
        vars.put("CI_REGISTRY", "registry.example.com");
        assertThat(vars.get("ECS_GATE_CLUSTER")).as("%s: cluster", name).isNotBlank();
        assertThat(vars.get("ECS_GATE_SERVICE_NAMES")).as("%s: services", name).isNotBlank();
        assertThat(GitlabCiSchema.runnerExpand((String) job.get("image"), new LinkedHashMap<>(vars)))
            .as("%s: image", name).matches("registry\\.example\\.com/platform/ecs-gate:[0-9]+\\.[0-9]+\\.[0-9]+");
      }
    });
  }

  @Test
  void theInputsTableListsEveryInputWithItsTypeAndDefaults() {
    Map<String, String[]> rows = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| (\\w+) \\| ([^|]+) \\|").matcher(PAGE);
    while (row.find()) {
      rows.put(row.group(1), new String[] {row.group(2), row.group(3).strip()});
    }
    Map<String, Object> allInputs = new LinkedHashMap<>();
    for (var file : CiFiles.components()) {
      Component c = Component.load(file);
      c.inputs.forEach((name, def) -> {
        allInputs.put(name, def);
        assertThat(rows).as("docs/gitlab-ci.md row for %s", name).containsKey(name);
        assertThat(rows.get(name)[0]).as("%s: type", name).isEqualTo(c.type(name));
        String shown = rows.get(name)[1];
        if (def.containsKey("default")) {
          Object d = def.get("default");
          assertThat(shown).as("%s: default in %s", name, c.name()).contains("`" + (d.equals("") ? "\"\"" : d) + "`");
        } else {
          assertThat(shown).as("%s", name).isEqualTo("required");
        }
      });
    }
    assertThat(rows.keySet()).as("no row for an input that does not exist").containsExactlyInAnyOrderElementsOf(allInputs.keySet());
  }

  @Test
  void theIamDocumentsAreJson() throws Exception {
    List<String> json = blocks("json");
    assertThat(json).hasSize(2);
    for (String doc : json) {
      assertThat(new ObjectMapper().readTree(doc).path("Version").asText()).isEqualTo("2012-10-17");
    }
    assertThat(json.get(1)).contains("ecs:DescribeServices", "ecs:UpdateService", "ecs:ListTasks", "ecs:DescribeTasks",
        "ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition", "iam:PassRole", "logs:GetLogEvents");
  }
}
