package io.ecsgate.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The tag pipeline's two shell scripts, run as its jobs run them (POSIX sh, from the repository):
 * {@code .ci/release-check} refuses a tag the Catalog would not publish or a commit whose
 * version or image name disagree, one line per problem; {@code .ci/package-detector} turns
 * lambda/template.yaml into a template that deploys the released jar from S3, which cfn-lint
 * (the machine's, as in the lambda module's TemplateLintIT) accepts without a word.
 */
class ReleaseScriptsIT {
  record Run(int exitCode, String output) {}

  private static Run run(String... command) throws Exception {
    Path log = Files.createTempFile("ecs-gate-release", ".log");
    Process p = new ProcessBuilder(command).directory(CiFiles.REPO.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(List.of(command) + " did not end within 120 s");
    }
    return new Run(p.exitValue(), Files.readString(log));
  }

  /** The version in pom.xml, which a releasable tag must equal. */
  private static String pomVersion() {
    String pom = CiFiles.read(CiFiles.REPO.resolve("pom.xml"));
    int parent = pom.indexOf("<artifactId>ecs-gate-parent</artifactId>");
    int start = pom.indexOf("<version>", parent) + "<version>".length();
    return pom.substring(start, pom.indexOf("</version>", start));
  }

  @Test
  void theReleaseCheckPassesThisCommitAtItsOwnVersion() throws Exception {
    Run r = run("sh", ".ci/release-check", pomVersion(), "registry.example.com", "registry.example.com/platform/ecs-gate");

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("is releasable");
  }

  @Test
  void theReleaseCheckNamesEveryProblemOnItsOwnLine() throws Exception {
    Run r = run("sh", ".ci/release-check", "v9.9.9", "registry.example.com", "registry.example.com/someone-else/fork");

    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    List<String> lines = r.output().lines().toList();
    assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("release-check: "));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("'v9.9.9' is not a semantic version"))
        .anySatisfy(l -> assertThat(l).contains("pom.xml says version '" + pomVersion() + "'"))
        .anySatisfy(l -> assertThat(l).contains("templates/deploy-gate.yml: the released image must read ECS_GATE_RELEASED_IMAGE: \"$CI_REGISTRY/someone-else/fork:$[[ component.version ]]\""));
    assertThat(lines).hasSize(2 + CiFiles.components().size());
    assertThat(run("sh", ".ci/release-check").exitCode()).as("usage").isEqualTo(64);
  }

  @Test
  void thePackagedDetectorTemplateTakesTheReleasedJarFromS3AndPassesCfnLint() throws Exception {
    Path out = Files.createTempDirectory("ecs-gate-dist").resolve("ecs-gate-detector-1.4.2.yaml");

    Run r = run("sh", ".ci/package-detector", "1.4.2", out.toString());

    assertThat(r.exitCode()).as(r.output()).isZero();
    String packaged = Files.readString(out);
    assertThat(packaged).doesNotContain("CodeUri: target/")
        .contains("      CodeUri:\n        Bucket: !Ref CodeBucket\n        Key: !Ref CodeKey\n")
        .contains("  CodeKey:\n    Type: String\n    Default: ecs-gate-lambda-1.4.2.jar\n");
    // Everything else is the template as it is in the repository.
    List<String> removed = new ArrayList<>(CiFiles.read(CiFiles.REPO.resolve("lambda/template.yaml")).lines().toList());
    removed.removeAll(packaged.lines().toList());
    assertThat(removed).containsExactly("      CodeUri: target/ecs-gate-lambda.jar");

    Path cfnLint = onPath("cfn-lint");
    Assumptions.assumeTrue(cfnLint != null, "cfn-lint not installed");
    Run lint = run(cfnLint.toString(), out.toString());
    assertThat(lint.output()).as("cfn-lint output").isEmpty();
    assertThat(lint.exitCode()).isZero();
  }

  @Test
  void packagingRefusesATemplateItDoesNotRecognise() throws Exception {
    Path copy = Files.createTempDirectory("ecs-gate-repo");
    Files.createDirectories(copy.resolve(".ci"));
    Files.createDirectories(copy.resolve("lambda"));
    Files.copy(CiFiles.REPO.resolve(".ci/package-detector"), copy.resolve(".ci/package-detector"));
    Files.writeString(copy.resolve("lambda/template.yaml"), "Parameters:\nResources:\n  F:\n    Properties:\n      CodeUri: elsewhere.jar\n");

    Run r = run("sh", copy.resolve(".ci/package-detector").toString(), "1.4.2", copy.resolve("out.yaml").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output().strip()).isEqualTo("package-detector: expected the line '      CodeUri: target/ecs-gate-lambda.jar' once in lambda/template.yaml, found it 0 times");
    assertThat(copy.resolve("out.yaml")).doesNotExist();
  }

  private static Path onPath(String name) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst().orElse(null);
  }
}
