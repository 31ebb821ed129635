package io.ecsgate.report;

import io.ecsgate.classifier.report.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of ecs-gate: a public contract (also the report JSON's {@code exitCode}), listed
 * once in {@code ecs-gate --help} (built from this enum) and once in docs/exit-codes.md. 0-4 are
 * verdicts; 64 and up follow BSD sysexits so scripts can tell bad input from a bad deployment.
 */
public enum ExitCode {
  OK(0, "Success: every service stable, or at the --until stage (deploy, wait, diagnose, demo); every line"
      + " classified (classify); the action taken (continue, rollback)."),
  FAILED(1, "A deployment failed or a service is failing: failed tasks, circuit breaker, rollback, takeover,"
      + " placement."),
  TIMED_OUT(2, "No verdict in time (--timeout, --max-attempts, a cancelled job); for diagnose: not steady yet,"
      + " with no failure seen."),
  NOT_GATED(3, "Could not gate or diagnose: cluster or service not found or inactive, access denied, no"
      + " credentials."),
  /** {@code --slack-required} and the Slack message could not be sent (the report has the verdict). */
  SLACK(4, "--slack-required and the Slack message could not be sent."),
  USAGE(64, "Usage error (unknown flag, bad value)."),
  /** Some input was malformed; everything else was still classified. */
  DATA_ERROR(65, "Some input was malformed; the rest was still classified."),
  /** An input file could not be opened or read. */
  NO_INPUT(66, "An input file could not be read."),
  /** A bug: reported in one line, never a stack trace unless ECS_GATE_DEBUG is set. */
  INTERNAL(70, "Internal error."),
  CONFIG(78, "The rules file is invalid.");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }

  /** The exit code of a gate's or a diagnosis' overall outcome. */
  public static ExitCode of(Outcome outcome) {
    return switch (outcome) {
      case STABLE, REACHED -> OK;
      case FAILED -> FAILED;
      case TIMED_OUT, CANCELLED -> TIMED_OUT;
      case NOT_GATED -> NOT_GATED;
    };
  }

  /** Code to meaning, in order, as picocli's exit code list wants it. */
  public static Map<String, String> helpList() {
    Map<String, String> list = new LinkedHashMap<>();
    for (ExitCode c : values()) {
      list.put(String.valueOf(c.code), c.meaning);
    }
    return list;
  }
}
