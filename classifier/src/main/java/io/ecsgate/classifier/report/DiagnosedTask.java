package io.ecsgate.classifier.report;

import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.util.List;

/**
 * One stopped task with the classifier's verdict, the last log lines of the container the verdict
 * blames (when it logs with awslogs), and links.
 *
 * @param logTail up to 20 last lines, oldest first; empty when there is no awslogs configuration or no stream
 * @param logConsoleUrl the CloudWatch Logs console page of that container's stream, or null
 * @param logNote why {@link #logTail} is empty or incomplete when that is worth saying (no awslogs,
 *     no stream, access denied, throttled), else null; tasks whose logs were not looked at have null
 */
public record DiagnosedTask(
    StoppedTask task, Verdict verdict, List<String> logTail, String taskConsoleUrl, String logConsoleUrl,
    String logNote) {

  public DiagnosedTask {
    logTail = logTail == null ? List.of() : List.copyOf(logTail);
  }

  /** A task whose logs were not looked at, or were read without anything to note. */
  public DiagnosedTask(StoppedTask task, Verdict verdict, List<String> logTail, String taskConsoleUrl, String logConsoleUrl) {
    this(task, verdict, logTail, taskConsoleUrl, logConsoleUrl, null);
  }
}
