package io.ecsgate.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Docker cannot build here, so this checks what can be checked without it: the Dockerfile copies
 * files that exist in its context (the repository root) and that the ignore file keeps, builds the
 * module that makes the jar, puts the jar where the wrapper looks and the wrapper on PATH, and
 * leaves GitLab the entrypoint. The wrapper itself runs in {@link JobScriptIT}.
 */
class DockerfileTest {
  private static final Path DOCKERFILE = CiFiles.MODULE.resolve("Dockerfile");
  private static final String TEXT = CiFiles.read(DOCKERFILE);

  @Test
  void copiesFromTheContextOnlyFilesThatExistAndAreNotIgnored() {
    List<String> ignored = CiFiles.read(CiFiles.MODULE.resolve("Dockerfile.dockerignore")).lines()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) (\\S+)$").matcher(TEXT);
    int copies = 0;
    while (copy.find()) {
      copies++;
      String source = copy.group(1);
      assertThat(CiFiles.REPO.resolve(source)).as("COPY %s", source).exists();
      for (String pattern : ignored) {
        String p = pattern.replace("**/", "").replaceAll("/$", "");
        assertThat(source).as("COPY %s is not ignored by %s", source, pattern).isNotEqualTo(p);
      }
    }
    assertThat(copies).isEqualTo(2);
    assertThat(ignored).contains("**/target/", ".git");
    for (String needed : List.of("mvnw", ".mvn/wrapper/maven-wrapper.properties", "pom.xml", "gate-cli/pom.xml")) {
      assertThat(CiFiles.REPO.resolve(needed)).as("the build stage needs %s", needed).exists();
    }
  }

  @Test
  void buildsTheCliJarAndInstallsItWhereTheWrapperLooks() {
    String wrapper = CiFiles.read(CiFiles.MODULE.resolve("docker/ecs-gate"));

    assertThat(TEXT).contains("./mvnw -B -q -DskipTests -pl gate-cli -am package")
        .contains("cp gate-cli/target/ecs-gate.jar /ecs-gate.jar")
        .contains("COPY --from=build /ecs-gate.jar /opt/ecs-gate/ecs-gate.jar")
        .contains("COPY ci-templates/docker/ecs-gate /usr/local/bin/ecs-gate");
    assertThat(wrapper).startsWith("#!/bin/sh\n").contains("${ECS_GATE_JAR:-/opt/ecs-gate/ecs-gate.jar}");
    assertThat(Files.isExecutable(CiFiles.MODULE.resolve("docker/ecs-gate"))).isTrue();
    assertThat(CiFiles.read(CiFiles.REPO.resolve("gate-cli/pom.xml"))).contains("<finalName>ecs-gate</finalName>");
  }

  @Test
  void makesTheStartupArchiveWithTheImagesOwnJavaWhereTheWrapperMapsIt() {
    String wrapper = CiFiles.read(CiFiles.MODULE.resolve("docker/ecs-gate"));
    String runtimeStage = TEXT.substring(TEXT.indexOf("FROM eclipse-temurin:21-jre-alpine"));

    // In the runtime stage: an archive serves only the JVM that wrote it.
    assertThat(runtimeStage).contains("java -XX:DumpLoadedClassList=/tmp/ecs-gate.classes -cp /opt/ecs-gate/ecs-gate.jar")
        .contains("io.ecsgate.cli.StartupTraining")
        .contains("java -Xshare:dump -XX:SharedClassListFile=/tmp/ecs-gate.classes")
        .contains("-XX:SharedArchiveFile=/opt/ecs-gate/ecs-gate.jsa -cp /opt/ecs-gate/ecs-gate.jar");
    assertThat(CiFiles.REPO.resolve("gate-cli/src/main/java/io/ecsgate/cli/StartupTraining.java")).exists();
    assertThat(wrapper).contains("${ECS_GATE_CDS:-/opt/ecs-gate/ecs-gate.jsa}")
        .contains("-XX:SharedArchiveFile=$cds -Xlog:cds=off -Xlog:cds+dynamic=off");
  }

  @Test
  void leavesTheEntrypointToGitlab() {
    assertThat(TEXT).containsPattern("(?m)^ENTRYPOINT \\[\\]$");
    assertThat(TEXT).containsPattern("(?m)^FROM eclipse-temurin:17-jdk AS build$");
    assertThat(TEXT).containsPattern("(?m)^FROM eclipse-temurin:21-jre-alpine$");
  }
}
