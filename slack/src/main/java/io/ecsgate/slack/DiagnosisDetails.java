package io.ecsgate.slack;

import io.ecsgate.classifier.render.StoppedTaskText;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.slack.SlackAlert.Details;
import java.util.ArrayList;
import java.util.List;

/** A {@link ServiceDiagnosis} as the details of a Slack message, the same for the CLI and the Lambda. */
public final class DiagnosisDetails {
  private DiagnosisDetails() {}

  /**
   * Adds the diagnosis as details (thread replies): the stopped tasks (at most {@code maxTasks}),
   * the log tails, the service events.
   */
  public static void addTo(SlackAlert.Builder b, ServiceDiagnosis d, int maxTasks) {
    if (!d.tasks().isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (DiagnosedTask t : d.tasks().subList(0, Math.min(maxTasks, d.tasks().size()))) {
        lines.add(StoppedTaskText.line(t.task(), t.verdict()));
      }
      if (d.tasks().size() > maxTasks) {
        lines.add("… and " + (d.tasks().size() - maxTasks) + " more (the JSON report lists them all)");
      }
      b.detail(new Details("Stopped tasks (" + d.tasks().size() + ", newest first)", lines, false));
    }
    for (DiagnosedTask t : d.tasks()) {
      if (t.logTail().isEmpty() && t.logNote() == null) {
        continue;
      }
      List<String> lines = new ArrayList<>(t.logTail());
      if (t.logNote() != null) {
        lines.add("(" + t.logNote() + ")");
      }
      String container = t.verdict().evidence().container();
      b.detail(new Details("Last log lines of " + (container == null ? "the task" : container) + ", task "
          + StoppedTaskText.shortId(t.task().taskId()) + " (" + t.verdict().category().name() + ")", lines, true));
    }
    if (!d.events().isEmpty()) {
      b.detail(new Details("Service events (" + d.events().size() + ", newest first)",
          d.events().stream().map(e -> StoppedTaskText.time(e.createdAt()) + "  " + e.message()).toList(), false));
    }
  }
}
