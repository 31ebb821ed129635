package io.ecsgate.classifier.internal;

/**
 * What a container exit code usually means. Codes above 128 are 128 + the signal that killed the
 * process; ECS itself sends SIGTERM (143) on stop and SIGKILL (137) after the stop timeout.
 */
public final class ExitCodes {
  private ExitCodes() {}

  public static String meaning(int code) {
    return switch (code) {
      case 0 -> "success";
      case 1 -> "application error";
      case 2 -> "invalid arguments or shell misuse";
      case 126 -> "command found but not executable";
      case 127 -> "command not found";
      case 130 -> "interrupted (SIGINT)";
      case 134 -> "aborted (SIGABRT)";
      case 137 -> "killed (SIGKILL): out of memory, or did not stop in time";
      case 139 -> "segmentation fault (SIGSEGV)";
      case 143 -> "terminated (SIGTERM)";
      case 255 -> "exit status -1 or out of range";
      default -> code > 128 && code < 160 ? "killed by signal " + (code - 128) : "application error";
    };
  }

  /** Codes ECS causes itself when it stops a task: the container was asked or forced to stop. */
  public static boolean isStopSignal(Integer code) {
    return code != null && (code == 137 || code == 143);
  }

  /** A hint for an application exit, specific where the code says something. */
  public static String hint(int code) {
    return switch (code) {
      case 126, 127 ->
          "Check the container's command and entryPoint, and that the image was built for the task's"
              + " CPU architecture.";
      case 137 ->
          "SIGKILL without an OOM reason: the process ignored SIGTERM for longer than stopTimeout, or"
              + " the host killed it. Check memory use, stopTimeout and signal handling, then the last"
              + " log lines.";
      case 139 -> "The process crashed (segmentation fault): check native libraries and the image build.";
      case 143 ->
          "The process was asked to stop (SIGTERM) and exited: look for what stopped it in the service"
              + " events and the last log lines.";
      default ->
          "Read the container's last log lines: an unhandled exception, a missing environment variable"
              + " or secret, or a failed connection at start-up are the usual causes.";
    };
  }
}
