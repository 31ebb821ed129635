package io.ecsgate.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.sim.EcsSimulator;
import io.ecsgate.sim.Scenarios;
import io.ecsgate.sim.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A whole pipeline that includes the templates, run by an independent implementation of GitLab's
 * pipeline semantics: gitlab-ci-local (4.73.0, shell executor, no Docker), which also validates the
 * composed file against GitLab's schema, resolves {@code include: component} of the project's own
 * templates at {@code $CI_COMMIT_SHA} (as GitLab's component guide tests them) with {@code inputs:},
 * {@code extends:}, stages, manual jobs and dotenv reports. Unlike GitLab, gitlab-ci-local gives a
 * component included from the same project at its SHA that SHA as {@code component.version} (GitLab
 * gives none), so these pipelines set {@code cli_image}, as a SHA include must. It also lists and runs
 * the repository's own release pipeline as far as a shell executor can: the jobs a tag adds, and the
 * release check. {@code .ci/run} installs it into {@code .ci/tools/} (npm, plus Debian's rsync);
 * without it these tests are skipped.
 */
class GitlabCiLocalIT {
  private static Path tool;

  @BeforeAll
  static void findTool() {
    Path local = CiFiles.REPO.resolve(".ci/tools/node_modules/.bin/gitlab-ci-local");
    tool = Files.isExecutable(local) ? local : onPath("gitlab-ci-local");
    Assumptions.assumeTrue(tool != null, "gitlab-ci-local not installed (.ci/run installs it into .ci/tools/)");
    Assumptions.assumeTrue(onPath("rsync") != null, "rsync not installed (gitlab-ci-local needs it)");
  }

  private static Path onPath(String name) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst().orElse(null);
  }

  record Run(int exitCode, String output, Path project) {}

  /** A git project with the templates and this .gitlab-ci.yml, run by gitlab-ci-local. */
  private static Run pipeline(String gitlabCiYml, String... args) throws Exception {
    Path project = Files.createTempDirectory("ecs-gate-gcl");
    copyTree(CiFiles.TEMPLATES, project.resolve("templates"));
    copyTree(CiFiles.CLASSIC.getParent(), project.resolve("classic"));
    Files.writeString(project.resolve(".gitlab-ci.yml"), gitlabCiYml);
    return run(project, args);
  }

  /**
   * Commits the project as platform/ecs-gate on gitlab.example.com (main is the default branch:
   * $CI_SERVER_FQDN/$CI_PROJECT_PATH name it) and runs gitlab-ci-local in it.
   */
  private static Run run(Path project, String... args) throws Exception {
    exec(project, List.of("git", "init", "-q", "-b", "main"), Map.of());
    exec(project, List.of("git", "remote", "add", "origin", "git@gitlab.example.com:platform/ecs-gate.git"), Map.of());
    exec(project, List.of("git", "add", "-A"), Map.of());
    exec(project, List.of("git", "-c", "user.name=ci", "-c", "user.email=ci@example.com", "commit", "-qm", "pipeline"), Map.of());
    exec(project, List.of("git", "update-ref", "refs/remotes/origin/main", "HEAD"), Map.of());
    exec(project, List.of("git", "remote", "set-head", "origin", "main"), Map.of());

    List<String> command = new ArrayList<>(List.of(tool.toString(), "--force-shell-executor", "--no-color",
        // The shell executor runs every job in the one checkout: two gates at once would write the same
        // ecs-gate.env (a real runner gives each job its own build directory). One job at a time.
        "--concurrency", "1"));
    command.addAll(List.of(args));
    Map<String, String> env = Map.of(
        "PATH", CiFiles.MODULE.resolve("docker") + ":" + Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"),
        "HOME", project.toString(),
        "ECS_GATE_JAR", JobRunner.JAR.toString(),
        "AWS_ACCESS_KEY_ID", "test",
        "AWS_SECRET_ACCESS_KEY", "test",
        "AWS_EC2_METADATA_DISABLED", "true",
        "AWS_CONFIG_FILE", "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    return exec(project, command, env);
  }

  /** The include line of a template of this project at this commit, as GitLab's self-test writes it. */
  private static String component(String name) {
    return "component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/" + name + "@$CI_COMMIT_SHA";
  }

  private static Run exec(Path dir, List<String> command, Map<String, String> env) throws Exception {
    Path log = Files.createTempFile(dir.getParent(), "gcl", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    if (!env.isEmpty()) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not end within 120 s:\n" + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log), dir);
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static String artifact(Run r, String job, String file) throws Exception {
    return Files.readString(r.project().resolve(".gitlab-ci-local/artifacts").resolve(job).resolve(file));
  }

  @Test
  void everyTemplateIncludedInOnePipelinePasses() throws Exception {
    try (EcsSimulator sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(0.01))) {
      for (String service : List.of("web", "worker", "api")) {
        sim.load(Scenarios.named("healthy"), "demo", service);
      }
      String common = """
            cli_image: registry.example.com/platform/ecs-gate:0.1.0
            cluster: demo
            poll_interval: 200ms
            region: %s
            extra_args: --endpoint-url %s
      """.formatted(sim.region(), sim.endpoint());
      Run r = pipeline("""
          stages: [deploy, verify]
          include:
            - %4$s
              inputs:
                services: web
          %1$s
            - %5$s
              inputs:
                services: worker
          %1$s
            - %6$s
              inputs:
                services: web worker
                stage: verify
          %1$s
            - local: classic/ecs-gate.gitlab-ci.yml
          deploy-api:
            extends: .ecs-gate-deploy
            variables:
              ECS_GATE_CLI_IMAGE: registry.example.com/platform/ecs-gate:0.1.0
              ECS_GATE_CLUSTER: demo
              ECS_GATE_SERVICE_NAMES: api
              ECS_GATE_REGION: %2$s
              ECS_GATE_POLL_INTERVAL: 200ms
              ECS_GATE_EXTRA_ARGS: --endpoint-url %3$s
          """.formatted(common, sim.region(), sim.endpoint(), component("deploy-gate"), component("deploy-gate-manual"),
              component("wait-gate")), "--manual", "ecs-gate-deploy-manual");

      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("json schema validated")
          .contains("PASS  ecs-gate-deploy").contains("PASS  ecs-gate-deploy-manual")
          .contains("PASS  deploy-api").contains("PASS  ecs-gate-wait")
          .contains("ecs-gate wait --cluster demo --service web --service worker --region");
      assertThat(artifact(r, "ecs-gate-deploy", "ecs-gate.env")).contains("ECS_GATE_RESULT=stable");
      assertThat(artifact(r, "ecs-gate-wait", "ecs-gate-junit.xml")).contains("name=\"worker\"");
      assertThat(artifact(r, "ecs-gate-deploy", "ecs-gate-annotations.json"))
          .contains("\"external_link\"", "\"label\" : \"ECS service demo/web\"");
    }
  }

  @Test
  void aCrashLoopFailsThePipelineWithTheGatesReports() throws Exception {
    try (EcsSimulator sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(0.01))) {
      sim.load(Scenarios.named("crash-loop"), "demo", "web");
      Run r = pipeline("""
          include:
            - %s
              inputs:
                cli_image: registry.example.com/platform/ecs-gate:0.1.0
                cluster: demo
                services: web
                poll_interval: 200ms
                region: %s
                extra_args: --endpoint-url %s
          """.formatted(component("deploy-gate"), sim.region(), sim.endpoint()));

      assertThat(r.exitCode()).as(r.output()).isNotZero();
      assertThat(r.output()).contains("FAIL  ecs-gate-deploy").contains("FAILED     demo/web");
      assertThat(artifact(r, "ecs-gate-deploy", "ecs-gate.env")).contains("ECS_GATE_RESULT=failed");
      assertThat(artifact(r, "ecs-gate-deploy", "ecs-gate-junit.xml")).contains("<failure");
    }
  }

  /** The repository's own pipeline, with what its jobs read, in a project of its own. */
  private static Path releaseProject() throws Exception {
    Path project = Files.createTempDirectory("ecs-gate-release");
    copyTree(CiFiles.TEMPLATES, project.resolve("templates"));
    Files.createDirectories(project.resolve(".ci"));
    Files.createDirectories(project.resolve("lambda"));
    for (String file : List.of(".gitlab-ci.yml", "pom.xml", "README.md", ".ci/run", ".ci/release-check",
        ".ci/package-detector", "lambda/template.yaml")) {
      Files.copy(CiFiles.REPO.resolve(file), project.resolve(file), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    return project;
  }

  /** A tag pipeline as GitLab starts it: a tag, no branch, this project's registry. */
  private static String[] tagPipeline(String tag, String... more) {
    List<String> args = new ArrayList<>(List.of("--variable", "CI_COMMIT_TAG=" + tag, "--variable", "CI_COMMIT_BRANCH=",
        "--variable", "CI_REGISTRY=registry.example.com", "--variable", "CI_REGISTRY_IMAGE=registry.example.com/platform/ecs-gate"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void theReleasePipelineTestsTheDefaultBranchAndReleasesATag() throws Exception {
    Run branch = run(releaseProject(), "--list");
    assertThat(branch.exitCode()).as(branch.output()).isZero();
    assertThat(branch.output()).contains("json schema validated");
    assertThat(jobNames(branch.output())).containsExactly("test");

    Run tag = run(releaseProject(), tagPipeline("1.4.2", "--list"));
    assertThat(tag.exitCode()).as(tag.output()).isZero();
    assertThat(jobNames(tag.output())).containsExactly("test", "release-check", "jars", "job-image", "upload", "release");
    assertThat(tag.output()).containsPattern("release +release +on_success +false +\\[upload\\]");
  }

  /** The one tag job a shell executor can run (the others need Maven's downloads, buildah or GitLab). */
  @Test
  void theReleaseCheckJobPassesAtThePomsVersionAndStopsAnyOtherTag() throws Exception {
    String pom = CiFiles.read(CiFiles.REPO.resolve("pom.xml"));
    int parent = pom.indexOf("<artifactId>ecs-gate-parent</artifactId>");
    String version = pom.substring(pom.indexOf("<version>", parent) + 9, pom.indexOf("</version>", parent));

    Run ok = run(releaseProject(), tagPipeline(version, "release-check"));
    assertThat(ok.exitCode()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("PASS  release-check").contains(version + " is releasable");

    Run wrong = run(releaseProject(), tagPipeline("99.0.0", "release-check"));
    assertThat(wrong.exitCode()).as(wrong.output()).isNotZero();
    assertThat(wrong.output()).contains("FAIL  release-check").contains("pom.xml says version '" + version + "', the tag '99.0.0'");
  }

  /** The job names of gitlab-ci-local's --list table (the rows after the header), in order. */
  private static List<String> jobNames(String listOutput) {
    List<String> names = new ArrayList<>();
    boolean table = false;
    for (String line : listOutput.lines().toList()) {
      if (line.startsWith("name ")) {
        table = true;
      } else if (table && !line.isBlank()) {
        names.add(line.split(" +")[0]);
      }
    }
    return names;
  }
}
