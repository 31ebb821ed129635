package io.ecsgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The training run of the start-up archive (AppCDS): run once at build time under
 * {@code -XX:DumpLoadedClassList}, it loads the classes each kind of invocation needs (--help,
 * classify, a deploy that fails and is diagnosed, against the in-process simulator), and
 * {@code -Xshare:dump} makes the archive from that list, so that later runs map them from the
 * archive instead of loading and verifying them from the jar.
 * Not a verb: nothing a user runs, and no output.
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws IOException {
    // The writer every run prints its stdout through (Main), so that its classes are archived too.
    PrintWriter quiet = new Utf8Stdout(OutputStream.nullOutputStream());
    Path event = Files.createTempFile("ecs-gate-training", ".json");
    try (InputStream in = StartupTraining.class.getResourceAsStream("training-event.json")) {
      Files.write(event, in.readAllBytes());
      Main.run(Map.of(), quiet, quiet, "--help");
      Main.run(Map.of(), quiet, quiet, "classify", event.toString());
      Main.run(Map.of(), quiet, quiet, "classify", "--output", "json", event.toString());
      // A failing deploy: the gate, the SDK's ECS and Logs clients, the diagnosis and the report.
      Main.run(Map.of(), quiet, quiet, "demo", "--scenario", "crash-loop", "--speed", "100");
    } finally {
      Files.deleteIfExists(event);
    }
  }
}
