package io.ecsgate.cli;

import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.diagnosis.CredentialRedaction;
import io.ecsgate.report.ExitCode;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Maps every exception to one line on stderr and an exit code, in one place. A stack trace is
 * printed only when ECS_GATE_DEBUG is set: users get a sentence, developers can still get the trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IExitCodeExceptionMapper {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof CliFailure f && f.exitCode() == ExitCode.USAGE.code()) {
      return UsageErrors.print(cmd, f.getMessage()); // as picocli's own usage errors read
    }
    cmd.getErr().println(SafeText.strip("ecs-gate: " + message(ex)));
    if (System.getenv("ECS_GATE_DEBUG") != null) {
      ex.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return getExitCode(ex);
  }

  @Override
  public int getExitCode(Throwable ex) {
    if (ex instanceof CliFailure f) {
      return f.exitCode();
    }
    if (ex instanceof RulesFileException) {
      return ExitCode.CONFIG.code();
    }
    return ExitCode.INTERNAL.code();
  }

  private static String message(Throwable ex) {
    if (ex instanceof CliFailure) {
      return ex.getMessage();
    }
    if (ex instanceof RulesFileException) {
      return "failed to load rules: " + ex.getMessage();
    }
    return "internal error: " + ex.getClass().getSimpleName() + ": " + CredentialRedaction.redact(ex.getMessage())
        + " (set ECS_GATE_DEBUG=1 for the stack trace)";
  }
}
