package io.ecsgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's main as a process: what only a real JVM shows, such as whether it exits. */
class EcsSimulatorMainIT {
  /** Far more than a JVM needs to start, print and exit; reached only when it does not exit. */
  private static final long EXIT_WITHIN_SECONDS = 60;

  @TempDir Path dir;

  @Test
  void listPrintsTheScenariosAndExits() throws Exception {
    Path out = dir.resolve("out.txt");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        EcsSimulatorMain.class.getName(), "--list")
        .redirectErrorStream(true).redirectOutput(out.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    try {
      boolean exited = p.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS);

      assertThat(exited).as("EcsSimulatorMain --list exited").isTrue();
      assertThat(p.exitValue()).isZero();
      List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
      assertThat(lines).hasSize(Scenarios.names().size());
      assertThat(lines.get(0)).startsWith(Scenarios.names().get(0) + ": ");
    } finally {
      p.destroyForcibly();
    }
  }
}
