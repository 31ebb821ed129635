package io.ecsgate.cli;

import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.report.AnnotationsReport;
import io.ecsgate.report.DotenvReport;
import io.ecsgate.report.ExitCode;
import io.ecsgate.report.JUnitReport;
import io.ecsgate.report.ReportJson;
import io.ecsgate.report.ReportText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Delivers a {@link FailureReport} the way {@link ReportOptions} asks: text or JSON on stdout, and the
 * JUnit, dotenv and annotations files. Shared by every command that reports (deploy, wait, diagnose).
 */
final class ReportOutput {
  private ReportOutput() {}

  /**
   * Prints and writes the report; returns the outcome's exit code. A report file that cannot be
   * written is a warning on stderr: like a Slack outage, it never changes the deployment's verdict.
   */
  static int emit(FailureReport report, ReportOptions options, PrintWriter out, PrintWriter err) {
    if (options.output == ReportOptions.Output.json) {
      ReportJson.write(out, report);
    } else {
      ReportText.forEnvironment().write(out, report);
    }
    out.flush();
    if (options.junit != null) {
      writeFile(options.junit, w -> JUnitReport.write(w, report), err);
    }
    if (options.dotenv != null) {
      writeFile(options.dotenv, w -> DotenvReport.write(new PrintWriter(w), report), err);
    }
    if (options.annotations != null) {
      writeFile(options.annotations, w -> AnnotationsReport.write(w, report), err);
    }
    return ExitCode.of(report.outcome()).code();
  }

  private static void writeFile(Path file, Consumer<Writer> render, PrintWriter err) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        render.accept(w);
      }
    } catch (IOException | UncheckedIOException e) {
      err.println(SafeText.strip("ecs-gate: warning: failed to write " + file + ": " + e.getMessage()));
      err.flush();
    }
  }
}
