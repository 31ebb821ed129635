package io.ecsgate.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The repository's own pipeline ({@code .gitlab-ci.yml}): valid GitLab CI as written and with the
 * component it includes resolved, testing every merge request with the README's command, and on a
 * semantic-version tag building the image the templates default to, uploading the files the
 * release links, and releasing with the {@code release:} keyword. What it runs is checked by
 * {@link ReleaseScriptsIT} and {@link GitlabCiLocalIT}.
 */
class ReleasePipelineTest {
  private static final Map<String, Object> PIPELINE = CiFiles.yamlMap(CiFiles.read(CiFiles.RELEASE_PIPELINE));
  private static final Map<String, Object> COMPOSED = Pipelines.compose(PIPELINE);
  private static final Map<String, Map<String, Object>> JOBS = Pipelines.jobs(COMPOSED);

  private static Map<String, Object> job(String name) {
    assertThat(JOBS).containsKey(name);
    return JOBS.get(name);
  }

  private static String script(String name) {
    return String.join("\n", Pipelines.scriptOf(job(name)));
  }

  @Test
  void isValidGitlabCiAsWrittenAndComposed() {
    assertThat(GitlabCiSchema.validate(PIPELINE)).isEmpty();
    assertThat(GitlabCiSchema.validate(COMPOSED)).isEmpty();
    JOBS.forEach((name, j) -> assertThat(GitlabCiSchema.gitlabRules(name, j)).as(name).isEmpty());
    assertThat(JOBS.keySet()).containsExactlyInAnyOrder(
        "component-self-test", "test", "release-check", "jars", "job-image", "upload", "release");
  }

  @Test
  void runsForMergeRequestsTheDefaultBranchAndSemverTagsOnly() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) PIPELINE.get("workflow")).get("rules");
    assertThat(rules).extracting(r -> r.get("if")).containsExactly(
        "$CI_PIPELINE_SOURCE == \"merge_request_event\"",
        "$CI_COMMIT_TAG =~ /^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$/",
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == \"push\"");
    assertThat(job("test")).doesNotContainKey("rules");
    for (String tagOnly : List.of("release-check", "jars", "job-image", "upload", "release")) {
      assertThat(job(tagOnly).get("rules")).as(tagOnly).isEqualTo(List.of(Map.of("if", "$CI_COMMIT_TAG")));
    }
  }

  /** The README's "run all tests" command, through .ci/run, which CI and people share. */
  @Test
  void everyPipelineRunsTheReadmesTestCommand() {
    assertThat(script("test")).contains(".ci/run");
    assertThat(CiFiles.read(CiFiles.REPO.resolve(".ci/run"))).containsPattern("(?m)^\\./mvnw -B verify$");
    assertThat(CiFiles.read(CiFiles.REPO.resolve("README.md"))).contains("./mvnw -B verify ");
  }

  /**
   * The self-test includes the component at this commit: no released version there, so the image
   * is given, and the job never runs.
   */
  @Test
  void includesItsOwnComponentAtThisCommitWithoutRunningIt() {
    Map<String, Object> selfTest = job("component-self-test");

    assertThat(selfTest.get("rules")).isEqualTo(List.of(Map.of("when", "never")));
    assertThat(selfTest.get("image")).isEqualTo("$CI_REGISTRY_IMAGE:self-test");
    assertThat(String.valueOf(PIPELINE.get("include"))).contains("$CI_SERVER_FQDN/$CI_PROJECT_PATH/deploy-gate@$CI_COMMIT_SHA");
  }

  /** The image the release pushes is the one the templates pull at that version. */
  @Test
  void buildsTheJobImageTheTemplatesDefaultToWithoutADockerDaemon() {
    Map<String, Object> image = job("job-image");
    String script = script("job-image");

    assertThat((String) image.get("image")).startsWith("quay.io/buildah/stable:");
    assertThat(image.toString()).doesNotContain("docker:dind", "DOCKER_HOST");
    assertThat(script).contains("buildah build --file ci-templates/Dockerfile --ignorefile ci-templates/Dockerfile.dockerignore")
        .contains("--tag \"$CI_REGISTRY_IMAGE:$CI_COMMIT_TAG\" .").contains("buildah push \"$CI_REGISTRY_IMAGE:$CI_COMMIT_TAG\"")
        .contains("--password-stdin");
    assertThat(Files.isRegularFile(CiFiles.MODULE.resolve("Dockerfile"))).isTrue();
    assertThat(Files.isRegularFile(CiFiles.MODULE.resolve("Dockerfile.dockerignore"))).isTrue();
    assertThat(CiFiles.read(CiFiles.MODULE.resolve("Dockerfile"))).contains("-XX:SharedArchiveFile=/opt/ecs-gate/ecs-gate.jsa");

    Map<String, Object> atTag = TemplatesTest.onlyJob(Component.load(CiFiles.TEMPLATES.resolve("deploy-gate.yml")).atVersion("1.4.2"),
        TemplatesTest.requiredOnly());
    Map<String, Object> release = Map.of("CI_REGISTRY_IMAGE", "registry.example.com/platform/ecs-gate", "CI_COMMIT_TAG", "1.4.2");
    assertThat(TemplatesTest.runnerImage(atTag)).isEqualTo(GitlabCiSchema.runnerExpand("$CI_REGISTRY_IMAGE:$CI_COMMIT_TAG", release));
  }

  /** What jars puts in dist/ is what upload sends and what the release links, name for name. */
  @Test
  void theReleaseLinksTheFilesTheTagPipelineBuildsAndUploads() {
    assertThat(script("jars")).contains("./mvnw -B -DskipTests -pl gate-cli,lambda -am package")
        .contains("cp gate-cli/target/ecs-gate.jar \"dist/ecs-gate-$CI_COMMIT_TAG.jar\"")
        .contains("cp lambda/target/ecs-gate-lambda.jar \"dist/ecs-gate-lambda-$CI_COMMIT_TAG.jar\"")
        .contains(".ci/package-detector \"$CI_COMMIT_TAG\" \"dist/ecs-gate-detector-$CI_COMMIT_TAG.yaml\"");
    assertThat(job("jars").get("artifacts").toString()).contains("paths=[dist/]");
    assertThat(script("upload")).contains("for file in dist/*").contains("--upload-file \"$file\" \"$PACKAGE_URL/$(basename \"$file\")\"")
        .contains("JOB-TOKEN: $CI_JOB_TOKEN");
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = (Map<String, Object>) PIPELINE.get("variables");
    assertThat(variables.get("PACKAGE_URL"))
        .isEqualTo("$CI_API_V4_URL/projects/$CI_PROJECT_ID/packages/generic/ecs-gate/$CI_COMMIT_TAG");

    Map<String, Object> release = job("release");
    assertThat(release.get("image")).isEqualTo("registry.gitlab.com/gitlab-org/cli:latest");
    assertThat(release.get("needs")).isEqualTo(List.of("upload"));
    @SuppressWarnings("unchecked")
    Map<String, Object> keyword = (Map<String, Object>) release.get("release");
    assertThat(keyword).containsEntry("tag_name", "$CI_COMMIT_TAG");
    assertThat(keyword.get("assets").toString())
        .contains("url=$PACKAGE_URL/ecs-gate-$CI_COMMIT_TAG.jar", "url=$PACKAGE_URL/ecs-gate-lambda-$CI_COMMIT_TAG.jar",
            "url=$PACKAGE_URL/ecs-gate-detector-$CI_COMMIT_TAG.yaml", "link_type=image");
  }

  @Test
  void nothingIsPublishedBeforeTheTestsAndTheReleaseCheckPass() {
    assertThat(job("jars").get("needs")).isEqualTo(List.of("test", "release-check"));
    assertThat(job("job-image").get("needs")).isEqualTo(List.of("test", "release-check"));
    assertThat(job("upload").get("needs")).isEqualTo(List.of("jars", "job-image"));
    assertThat(script("release-check")).isEqualTo(".ci/release-check \"$CI_COMMIT_TAG\" \"$CI_REGISTRY\" \"$CI_REGISTRY_IMAGE\"");
  }
}
