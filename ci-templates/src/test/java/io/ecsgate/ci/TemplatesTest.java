package io.ecsgate.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every template is valid GitLab CI: the component's inputs are fully described, and its jobs, with
 * the inputs interpolated (defaults and a full set of values, both of GitLab's interpolation modes),
 * validate against GitLab's CI JSON schema and the rules GitLab adds to it. The classic template's
 * hidden jobs validate as job templates, and so does each variant once extended.
 */
class TemplatesTest {
  /** Inputs a user must give: what to gate (the image defaults to the one released with the component). */
  static final List<String> REQUIRED = List.of("cluster", "services");
  /** cli_image's default: the job variable naming this project's registry image at the component's version. */
  static final String RELEASED_IMAGE = "$ECS_GATE_RELEASED_IMAGE";

  static Stream<Path> components() {
    return CiFiles.components().stream();
  }

  /** The required inputs only: every other one takes its default. */
  static Map<String, Object> requiredOnly() {
    return Map.of("cluster", "prod", "services", "web");
  }

  /** A value for every input a component has (task_definition stays empty: it excludes image). */
  static Map<String, Object> fullSet(Component c) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("cluster", "prod-eu");
    all.put("services", "web worker $EXTRA_SERVICE");
    all.put("cli_image", "$CI_REGISTRY/platform/ecs-gate@sha256:0123456789abcdef");
    all.put("image", "app=$CI_REGISTRY_IMAGE/app:$CI_COMMIT_SHA log_router=public.ecr.aws/aws-observability/aws-for-fluent-bit:stable");
    all.put("task_definition", "");
    all.put("region", "eu-west-1");
    all.put("poll_interval", "2s");
    all.put("timeout", "20m");
    all.put("fail_after", 5);
    all.put("rollback", true);
    all.put("slack_channel", "#deploys");
    all.put("state_table", "ecs-gate-detector-StateTable-1A2B3C4D5E6F");
    all.put("role_arn", "arn:aws:iam::123456789012:role/gitlab-ecs-gate");
    all.put("oidc_audience", "https://gitlab.example.com");
    all.put("environment", "production/eu");
    all.put("stage", "release");
    all.put("job_name", "gate web: eu");
    all.put("when", "manual");
    all.put("job_timeout", "2h 30m");
    all.put("extra_args", "--rules ecs-gate-rules.yaml --max-attempts 500");
    all.keySet().retainAll(c.inputs.keySet());
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("components")
  void everyInputHasATypeADescriptionAndADefaultUnlessRequired(Path file) {
    Component c = Component.load(file);

    assertThat(c.requiredInputs()).as("required inputs").containsExactlyInAnyOrderElementsOf(REQUIRED);
    c.inputs.forEach((name, def) -> {
      assertThat(name).as("input name").matches("[a-z][a-z0-9_]*");
      assertThat(Component.INPUT_KEYS).as("%s: keys GitLab allows", name).containsAll(def.keySet());
      assertThat(def.get("type")).as("%s: type", name).isIn(Component.TYPES);
      assertThat(def.get("description")).as("%s: description", name).isInstanceOf(String.class);
      assertThat((String) def.get("description")).as("%s: description", name).hasSizeGreaterThan(15);
      if (def.containsKey("regex")) {
        assertThat(def.get("type")).as("%s: GitLab applies regex to strings only", name).isEqualTo("string");
        // Free text goes into a double-quoted YAML string: under text interpolation a quote,
        // backslash or line break would break out of it, so every free-text regex rules them out.
        assertThat((String) def.get("regex")).as("%s: anchored", name).startsWith("^").endsWith("$");
      }
      if (def.get("type").equals("string") && !def.containsKey("options")) {
        assertThat(def).as("%s: a string input without options needs a regex", name).containsKey("regex");
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("components")
  void stringInputsCannotCarryQuotesBackslashesOrLineBreaks(Path file) {
    Component c = Component.load(file);
    for (String name : c.inputs.keySet()) {
      if (!c.type(name).equals("string") || c.inputs.get(name).containsKey("options")) {
        continue;
      }
      for (String bad : List.of("a\"b", "a\\b", "a\nb")) {
        Map<String, Object> given = new LinkedHashMap<>(requiredOnly());
        given.put(name, bad);
        assertThatThrownBy(() -> c.resolve(given)).as("%s = %s", name, bad)
            .hasMessageContaining("does not match required RegEx pattern");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("components")
  void withDefaultsTheJobsAreValidGitlabCi(Path file) {
    assertValid(Component.load(file), requiredOnly());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("components")
  void withEveryInputSetTheJobsAreValidGitlabCi(Path file) {
    Component c = Component.load(file);
    Map<String, Object> jobs = assertValid(c, fullSet(c));

    assertThat(jobs).containsOnlyKeys("gate web: eu");
    @SuppressWarnings("unchecked")
    Map<String, Object> job = (Map<String, Object>) jobs.get("gate web: eu");
    assertThat(job.get("resource_group")).isEqualTo("ecs-gate/prod-eu/web worker $EXTRA_SERVICE");
    assertThat(job).containsEntry("stage", "release").containsEntry("timeout", "2h 30m");
    assertThat(Pipelines.scriptOf(job)).contains("ECS_GATE_ROLLBACK=true");
    // The CLI reads the table from its environment (the same name as a CI/CD variable would set).
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = (Map<String, Object>) job.get("variables");
    assertThat(variables).containsEntry("ECS_GATE_STATE_TABLE", "ecs-gate-detector-StateTable-1A2B3C4D5E6F");
  }

  private static Map<String, Object> assertValid(Component c, Map<String, Object> given) {
    Map<String, Object> values = c.resolve(given);
    @SuppressWarnings("unchecked")
    Map<String, Object> jobs = (Map<String, Object>) c.interpolateParsed(values);

    assertThat(GitlabCiSchema.validate(jobs)).as("schema errors").isEmpty();
    jobs.forEach((name, job) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> j = (Map<String, Object>) job;
      assertThat(GitlabCiSchema.gitlabRules(name, j)).as("GitLab's own checks").isEmpty();
    });
    assertThat(stringifyVariables(c.interpolateText(values)))
        .as("text interpolation (ci_text_interpolation) gives the same jobs as hash interpolation")
        .isEqualTo(stringifyVariables(jobs));
    return jobs;
  }

  /** GitLab turns variable values into strings: "0" and 0 mean the same there. */
  @SuppressWarnings("unchecked")
  private static Object stringifyVariables(Object jobs) {
    Map<String, Object> copy = new LinkedHashMap<>();
    ((Map<String, Object>) jobs).forEach((name, job) -> {
      Map<String, Object> j = new LinkedHashMap<>((Map<String, Object>) job);
      Map<String, Object> vars = new LinkedHashMap<>();
      ((Map<String, Object>) j.getOrDefault("variables", Map.of())).forEach((k, v) -> vars.put(k, String.valueOf(v)));
      j.put("variables", vars);
      copy.put(name, j);
    });
    return copy;
  }

  @Test
  void theChecksAreNoRubberStamp() {
    Map<String, Object> job = new LinkedHashMap<>(job("deploy-gate.yml"));
    job.put("when", "sometimes");
    job.put("retry", Map.of("max", 2, "when", List.of("script_failures")));

    assertThat(GitlabCiSchema.validate(Map.of("gate", job))).hasSizeGreaterThanOrEqualTo(2);
    job.put("variables", Map.of("ECS_GATE_ROLLBACK", true));
    job.put("resource_group", "ecs-gate/arn:aws:ecs:eu-west-1:123456789012:cluster/prod/web");
    assertThat(GitlabCiSchema.gitlabRules("gate", job)).hasSize(2);
  }

  @Test
  void aWrongValueIsRefusedAsGitlabWouldRefuseIt() {
    Component deploy = Component.load(CiFiles.TEMPLATES.resolve("deploy-gate.yml"));
    Map<String, Object> base = requiredOnly();

    assertThatThrownBy(() -> deploy.resolve(Map.of("cluster", "prod"))).hasMessageContaining("`services` input: required");
    assertThatThrownBy(() -> deploy.resolve(with(base, "rollback", "yes"))).hasMessageContaining("is not a boolean");
    assertThatThrownBy(() -> deploy.resolve(with(base, "when", "always"))).hasMessageContaining("allowed options");
    assertThatThrownBy(() -> deploy.resolve(with(base, "cluster", "arn:aws:ecs:eu-west-1:123456789012:cluster/prod")))
        .as("an ARN would make the resource_group key invalid").hasMessageContaining("RegEx");
    assertThatThrownBy(() -> deploy.resolve(with(base, "services", "web,api"))).hasMessageContaining("RegEx");
    assertThatThrownBy(() -> deploy.resolve(with(base, "poll_interval", "5"))).hasMessageContaining("RegEx");
    assertThatThrownBy(() -> deploy.resolve(with(base, "colour", "blue"))).hasMessageContaining("unknown input arguments: colour");
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    m.put(key, value);
    return m;
  }

  @Test
  void theVariantsAreWhatTheirNamesSay() {
    Map<String, Object> deploy = job("deploy-gate.yml");
    Map<String, Object> manual = job("deploy-gate-manual.yml");
    Map<String, Object> wait = job("wait-gate.yml");

    assertThat(deploy).containsEntry("when", "on_success").containsEntry("allow_failure", false);
    assertThat(manual).containsEntry("when", "manual").containsEntry("allow_failure", true);
    assertThat(wait).containsEntry("when", "on_success");
    assertThat(variables(deploy)).containsEntry("ECS_GATE_COMMAND", "deploy");
    assertThat(variables(manual)).containsEntry("ECS_GATE_COMMAND", "deploy");
    assertThat(variables(wait)).containsEntry("ECS_GATE_COMMAND", "wait").doesNotContainKeys("ECS_GATE_IMAGE", "ECS_GATE_TASK_DEFINITION");
    assertThat(deploy.get("environment")).isEqualTo(Map.of("name", "production", "action", "start"));
    assertThat(wait.get("environment")).isEqualTo(Map.of("name", "production", "action", "verify"));
    for (Map<String, Object> j : List.of(deploy, manual, wait)) {
      assertThat(j).containsEntry("interruptible", false).containsKey("resource_group").containsKey("id_tokens");
      assertThat(j.get("retry").toString()).doesNotContain("script_failure", "always", "job_execution_timeout");
      assertThat(j.get("artifacts")).isEqualTo(Map.of("when", "always", "expire_in", "30 days",
          "paths", List.of("ecs-gate-junit.xml", "ecs-gate.env", "ecs-gate-annotations.json"),
          "reports", Map.of("junit", "ecs-gate-junit.xml", "dotenv", "ecs-gate.env",
              "annotations", "ecs-gate-annotations.json")));
      assertThat(Pipelines.scriptOf(j)).anySatisfy(line -> assertThat(line).contains("--annotations ecs-gate-annotations.json"));
    }
  }

  /**
   * One script for all: the component's jobs and the classic template's run the same commands,
   * the component only turning its one boolean input into a shell word first (GitLab refuses
   * booleans as variable values).
   */
  @Test
  void everyTemplateRunsTheSameScript() {
    Map<String, Object> classic = classicComposed("deploy", ".ecs-gate-deploy");
    List<String> shared = Pipelines.scriptOf(classic);
    for (Path file : CiFiles.components()) {
      List<String> lines = Pipelines.scriptOf(onlyJob(Component.load(file), requiredOnly()));
      assertThat(lines).as(file.getFileName().toString()).hasSize(shared.size() + 1);
      assertThat(lines.get(1)).isEqualTo("ECS_GATE_ROLLBACK=false");
      assertThat(lines.subList(0, 1)).isEqualTo(shared.subList(0, 1));
      assertThat(lines.subList(2, lines.size())).isEqualTo(shared.subList(1, shared.size()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("components")
  void describesItselfForTheCatalog(Path file) {
    Component c = Component.load(file);

    assertThat(c.description).as("spec:description").isNotNull().hasSizeBetween(60, 400).doesNotContain("\n");
    assertThat(c.contextFields).as("spec:component").containsExactly("version");
  }

  /**
   * Three lines: included at a released version, the job runs the image released with it, from
   * this project's registry ($CI_REGISTRY is the instance's, the same for the including project).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("components")
  void atAReleasedVersionTheJobRunsTheImageOfThatVersion(Path file) {
    Map<String, Object> job = onlyJob(Component.load(file).atVersion("1.4.2"), requiredOnly());

    assertThat(job.get("image")).isEqualTo(RELEASED_IMAGE);
    assertThat(variables(job)).containsEntry("ECS_GATE_RELEASED_IMAGE", "$CI_REGISTRY/platform/ecs-gate:1.4.2");
    assertThat(runnerImage(job)).isEqualTo("registry.example.com/platform/ecs-gate:1.4.2");
  }

  /**
   * Included by a SHA or a branch, GitLab gives no version: the default image would have no tag.
   * The job is still created (GitLab cannot branch on the version), and the runner refuses
   * "registry.example.com/platform/ecs-gate:" before the script starts; docs/gitlab-ci.md says to
   * set cli_image then, and with it set the job is whole.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("components")
  void byShaOrBranchTheImageMustBeGiven(Path file) {
    Component bySha = Component.load(file).atVersion(null);

    assertThat(runnerImage(onlyJob(bySha, requiredOnly()))).isEqualTo("registry.example.com/platform/ecs-gate:");
    Map<String, Object> given = with(requiredOnly(), "cli_image", "registry.example.com/platform/ecs-gate:1.4.2");
    assertThat(runnerImage(onlyJob(bySha, given))).isEqualTo("registry.example.com/platform/ecs-gate:1.4.2");
  }

  /** The component context exists only for include: component; GitLab refuses the file included otherwise. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("components")
  void includedAsAPlainFileGitlabRefusesIt(Path file) {
    Component plain = Component.load(file).asIncludedFile();

    assertThatThrownBy(() -> plain.interpolateParsed(plain.resolve(requiredOnly())))
        .hasMessage("unknown interpolation provided: `version` in `component.version`");
  }

  /** The image name as the runner expands it, with CI_REGISTRY set and the job's variables. */
  static String runnerImage(Map<String, Object> job) {
    Map<String, Object> vars = new LinkedHashMap<>(variables(job));
    vars.put("CI_REGISTRY", "registry.example.com");
    return GitlabCiSchema.runnerExpand((String) job.get("image"), vars);
  }

  @Test
  void theClassicTemplateIsValidGitlabCiAndEachHiddenJobAValidJobTemplate() {
    Map<String, Object> classic = CiFiles.yamlMap(CiFiles.read(CiFiles.CLASSIC));

    assertThat(GitlabCiSchema.validate(classic)).isEmpty();
    assertThat(classic).containsOnlyKeys(".ecs-gate", ".ecs-gate-deploy", ".ecs-gate-deploy-manual", ".ecs-gate-wait");
    // The schema takes any hidden key as "an arbitrary YAML anchor": check them as job templates.
    classic.forEach((name, job) ->
        assertThat(GitlabCiSchema.validateAs("job_template", job)).as(name).isEmpty());
  }

  @Test
  void eachClassicVariantExtendedByAJobIsAValidJob() {
    for (String variant : List.of(".ecs-gate-deploy", ".ecs-gate-deploy-manual", ".ecs-gate-wait")) {
      Map<String, Object> pipeline = classicPipeline("gate", variant);
      Map<String, Object> composed = Pipelines.compose(pipeline);

      assertThat(GitlabCiSchema.validate(pipeline)).as("%s: the including file", variant).isEmpty();
      assertThat(GitlabCiSchema.validate(composed)).as("%s: composed", variant).isEmpty();
      @SuppressWarnings("unchecked")
      Map<String, Object> job = (Map<String, Object>) composed.get("gate");
      assertThat(GitlabCiSchema.gitlabRules("gate", job)).isEmpty();
      assertThat(job).containsKeys("script", "before_script", "image", "resource_group", "environment", "retry", "artifacts");
    }
    assertThat(classicComposed("gate", ".ecs-gate-wait").get("environment"))
        .isEqualTo(Map.of("name", "$ECS_GATE_ENVIRONMENT", "action", "verify"));
    assertThat(classicComposed("gate", ".ecs-gate-deploy-manual"))
        .containsEntry("when", "manual").containsEntry("allow_failure", true);
  }

  /** A pipeline that includes the classic template locally and extends a variant. */
  static Map<String, Object> classicPipeline(String jobName, String variant) {
    return CiFiles.yamlMap("""
        include:
          - local: ci-templates/classic/ecs-gate.gitlab-ci.yml
        variables:
          ECS_GATE_CLI_IMAGE: registry.example.com/platform/ecs-gate:0.1.0
        %s:
          extends: %s
          variables:
            ECS_GATE_CLUSTER: prod
            ECS_GATE_SERVICE_NAMES: web worker
        """.formatted(jobName, variant));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> classicComposed(String jobName, String variant) {
    return (Map<String, Object>) Pipelines.compose(classicPipeline(jobName, variant)).get(jobName);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> onlyJob(Component c, Map<String, Object> given) {
    Map<String, Object> jobs = (Map<String, Object>) c.interpolateParsed(c.resolve(given));
    assertThat(jobs).hasSize(1);
    return (Map<String, Object>) jobs.values().iterator().next();
  }

  private static Map<String, Object> job(String template) {
    return onlyJob(Component.load(CiFiles.TEMPLATES.resolve(template)), requiredOnly());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> variables(Map<String, Object> job) {
    return (Map<String, Object>) job.get("variables");
  }
}
