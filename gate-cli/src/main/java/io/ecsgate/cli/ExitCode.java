package io.ecsgate.cli;

/**
 * The exit codes of ecs-gate: a public contract, listed in {@code --help} and the README. The
 * 64+ codes follow BSD sysexits so scripts can tell bad input from a bad deployment.
 */
public final class ExitCode {
  private ExitCode() {}

  public static final int OK = 0;
  /** {@code --slack-required} and the Slack message could not be sent (the report has the verdict). */
  public static final int SLACK = 4;
  public static final int USAGE = 64;
  /** Some input was malformed; everything else was still classified. */
  public static final int DATA_ERROR = 65;
  /** An input file could not be opened or read. */
  public static final int NO_INPUT = 66;
  /** A bug: reported in one line, never a stack trace unless ECS_GATE_DEBUG is set. */
  public static final int INTERNAL = 70;
  /** The rules file is invalid. */
  public static final int CONFIG = 78;
}
