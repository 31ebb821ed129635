package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cancelled GitLab job gets SIGTERM: the real process (the shaded jar) must print what it knows
 * and exit, rather than die silently.
 */
class CancelledJobIT {

  @Test
  void sigtermPrintsWhatIsKnown() throws Exception {
    Result r = cancelDemo();

    assertThat(r.exitCode()).as("128 + SIGTERM").isEqualTo(143);
    assertThat(r.err()).contains("cancelled; reporting what is known");
    assertThat(r.out()).contains("demo/web").contains("cancelled before a verdict").doesNotContain("rolled back")
        .contains("CANCELLED").doesNotContain("TIMED_OUT");
  }

  @Test
  void sigtermRollsBackWhenAsked() throws Exception {
    Result r = cancelDemo("--rollback");

    assertThat(r.exitCode()).isEqualTo(143);
    // Before the first poll has found the ServiceDeployment: the previous revision; after: ECS's own rollback.
    assertThat(r.out()).containsPattern("ecs-gate rolled back web to web:1|asked ECS to roll back web");
  }

  record Result(int exitCode, String out, String err) {}

  private static Result cancelDemo(String... extra) throws Exception {
    Path jar = Path.of("target", "ecs-gate.jar");
    assertThat(jar).exists();
    Path out = Files.createTempFile("ecs-gate", ".out");
    Path err = Files.createTempFile("ecs-gate", ".err");
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "demo", "--scenario", "slow", "--speed", "1"));
    command.addAll(java.util.List.of(extra));
    Process p = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    try {
      awaitLine(err, "started deployment", Duration.ofSeconds(30), p);

      Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid())).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits after SIGTERM").isTrue();
    } finally {
      p.destroyForcibly();
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Polls the file for a line, with a deadline; fails early if the process dies. */
  private static void awaitLine(Path file, String text, Duration timeout, Process p) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!Files.readString(file).contains(text)) {
      assertThat(p.isAlive()).as("process alive; stderr: %s", Files.readString(file)).isTrue();
      assertThat(Instant.now()).as("'%s' within %s", text, timeout).isBefore(deadline);
      p.waitFor(50, TimeUnit.MILLISECONDS);
    }
  }
}
