package io.ecsgate.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's start-up archive, made as the Dockerfile makes it (the classes of a training run,
 * dumped into a static archive by the java that will use it) and used by the image's wrapper: ecs-gate's
 * classes come from the archive, and stdout stays the command's own, also when the archive is junk.
 */
class StartupArchiveIT {
  private static final Path WRAPPER = CiFiles.MODULE.resolve("docker/ecs-gate");
  private static final Path EVENT = CiFiles.REPO.resolve("gate-cli/src/main/resources/io/ecsgate/cli/training-event.json");
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private Run run(Map<String, String> env, List<String> command) throws Exception {
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void theTrainedArchiveServesEcsGatesClassesAndPrintsNothingOfItsOwn() throws Exception {
    Path archive = dir.resolve("ecs-gate.jsa");
    Path classes = dir.resolve("ecs-gate.classes");
    Run training = run(Map.of(), List.of(java(), "-XX:DumpLoadedClassList=" + classes,
        "-cp", JobRunner.JAR.toString(), "io.ecsgate.cli.StartupTraining"));
    assertThat(training.code()).as(training.err()).isZero();
    Run dump = run(Map.of(), List.of(java(), "-Xshare:dump", "-XX:SharedClassListFile=" + classes,
        "-XX:SharedArchiveFile=" + archive, "-cp", JobRunner.JAR.toString()));
    assertThat(dump.code()).as(dump.err()).isZero();
    assertThat(archive).exists();

    Map<String, String> env = Map.of("ECS_GATE_JAR", JobRunner.JAR.toString(), "ECS_GATE_CDS", archive.toString(),
        "PATH", Path.of(java()).getParent() + ":/usr/bin:/bin");
    Run classify = run(env, List.of("sh", WRAPPER.toString(), "classify", "--output", "json", EVENT.toString()));
    assertThat(classify.code()).as(classify.err()).isZero();
    assertThat(new ObjectMapper().readTree(classify.out()).path("category").asText()).isNotEmpty();

    // The same run, asked to log where classes come from: ecs-gate's own from the archive.
    Map<String, String> logging = new java.util.HashMap<>(env);
    logging.put("ECS_GATE_JAVA_OPTS", "-Xlog:class+load=info");
    Run logged = run(logging, List.of("sh", WRAPPER.toString(), "--help"));
    assertThat(logged.out()).containsPattern("io\\.ecsgate\\.cli\\.Main source: shared objects file")
        // picocli is Java 5 bytecode, which only a static archive holds: of the some 180 of its classes
        // --help loads, a few that the training run does not meet come from the jar.
        .containsPattern("picocli\\.CommandLine source: shared objects file");
    assertThat(logged.out().lines().filter(l -> l.matches(".*\\] picocli\\.\\S+ source: (jar|file):.*")))
        .as("picocli's classes read from the jar").hasSizeLessThan(10);
  }

  /** The JVM flags the wrapper picks per verb, as the JVM took them (PrintFlagsFinal). */
  @Test
  void classifyRunsC2WithASmallSerialYoungGenerationAndTheOtherVerbsC1() throws Exception {
    Map<String, String> env = new java.util.HashMap<>(Map.of("ECS_GATE_JAR", JobRunner.JAR.toString(),
        "PATH", Path.of(java()).getParent() + ":/usr/bin:/bin", "ECS_GATE_JAVA_OPTS", "-XX:+PrintFlagsFinal"));
    env.put("ECS_GATE_CDS", dir.resolve("none.jsa").toString());

    String classify = run(env, List.of("sh", WRAPPER.toString(), "classify", EVENT.toString())).out();
    String help = run(env, List.of("sh", WRAPPER.toString(), "--help")).out();

    // classify reads archives for minutes: C2, and a heap that does not grow with the archive.
    assertThat(classify).containsPattern("bool UseSerialGC\\s+= true")
        .containsPattern("size_t MaxNewSize\\s+= 33554432\\b")
        .containsPattern("intx TieredStopAtLevel\\s+= 4\\b");
    assertThat(help).containsPattern("bool UseSerialGC\\s+= true")
        .containsPattern("intx TieredStopAtLevel\\s+= 1\\b");
  }

  @Test
  void anArchiveTheJvmCannotUseChangesNothingOnStdout() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.jsa"), "not an archive");
    Map<String, String> env = Map.of("ECS_GATE_JAR", JobRunner.JAR.toString(), "ECS_GATE_CDS", junk.toString(),
        "PATH", Path.of(java()).getParent() + ":/usr/bin:/bin");

    Run version = run(env, List.of("sh", WRAPPER.toString(), "--version"));

    assertThat(version.code()).as(version.err()).isZero();
    List<String> lines = new ArrayList<>(version.out().lines().toList());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("ecs-gate ");
    assertThat(version.err()).isEmpty();
  }
}
