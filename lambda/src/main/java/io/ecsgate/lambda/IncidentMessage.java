package io.ecsgate.lambda;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.render.StoppedTaskText;
import io.ecsgate.slack.SlackAlert.Details;
import io.ecsgate.slack.SlackAlert;
import java.util.List;

/**
 * The one Slack message of an incident, rendered from the state alone so that whichever
 * invocation posts or updates it writes the same thing: the first failure's reason and hint, the
 * live count, and the recovery once it came.
 */
final class IncidentMessage {
  private IncidentMessage() {}

  static SlackAlert render(Incident incident, List<Details> details) {
    AlertKey key = incident.key();
    IncidentFacts f = incident.facts();
    int count = (int) Math.min(Integer.MAX_VALUE, incident.count());
    return SlackAlert.builder()
        .outcome(outcome(incident))
        .cluster(key.cluster())
        .service(key.service() != null ? key.service() : key.subject())
        .region(f.region())
        .verdict(countLine(incident))
        .count(key.category(), count)
        .reason(new SlackAlert.Reason(key.category(), f.container(), f.exitCode(), f.reason(), f.summary(), count))
        .hint(incident.recoveredAt() == null ? f.hint() : null)
        .links(new SlackAlert.Links(f.serviceUrl(), f.taskUrl(), f.logUrl(), null, null))
        .details(details)
        .source("ecs-gate lambda" + ("-".equals(key.taskDefinition()) ? "" : " · " + key.taskDefinition()))
        .build();
  }

  private static String outcome(Incident i) {
    if (i.recoveredAt() != null) {
      return "RECOVERED";
    }
    if (i.key().category() == Category.DEPLOYMENT_PAUSED) {
      return "PAUSED";
    }
    return i.key().category() == Category.LONG_RUNNING ? "LONG_RUNNING" : "FAILING";
  }

  /** E.g. "12 stopped tasks like this since 2026-11-21T03:12:00Z, latest 03:58:10Z". */
  static String countLine(Incident i) {
    long n = i.count();
    String kind = i.facts().noun() == null ? "" : i.facts().noun();
    if (n > 1 && (kind.equals("deployment") || kind.equals("hook"))) {
      // Keyed by one deployment: what repeats is news of that deployment (its failure, its rollback,
      // a hook that rolled it back), never a second deployment "like this".
      return withRecovery(i, n + " reports of this failed deployment since " + StoppedTaskText.time(i.openedAt())
          + (i.lastAt() != null ? ", latest " + StoppedTaskText.time(i.lastAt()) : ""));
    }
    String noun = switch (kind) {
      case "event" -> n == 1 ? "service event" : "service events";
      case "deployment" -> n == 1 ? "failed deployment" : "failed deployments";
      case "long-running" -> n == 1 ? "task running too long" : "tasks running too long";
      case "sweep" -> n == 1 ? "sweep found it" : "sweeps found it";
      case "hook" -> n == 1 ? "failed lifecycle hook" : "failed lifecycle hooks";
      case "pause" -> n == 1 ? "pause awaiting action" : "pauses awaiting action";
      default -> n == 1 ? "stopped task" : "stopped tasks";
    };
    String line = n + " " + noun + (n == 1 ? "" : " like this") + " since " + StoppedTaskText.time(i.openedAt())
        + (n > 1 && i.lastAt() != null ? ", latest " + StoppedTaskText.time(i.lastAt()) : "");
    return withRecovery(i, line);
  }

  private static String withRecovery(Incident i, String line) {
    if (i.recoveredAt() == null) {
      return line;
    }
    // A pause is not a failure that recovers: someone answered it, or the deployment finished.
    return ("pause".equals(i.facts().noun()) ? "No longer waiting at " : "Recovered at ")
        + StoppedTaskText.time(i.recoveredAt()) + ". " + line;
  }
}
