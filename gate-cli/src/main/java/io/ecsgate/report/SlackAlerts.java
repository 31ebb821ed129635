package io.ecsgate.report;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceResult;
import io.ecsgate.slack.DiagnosisDetails;
import io.ecsgate.slack.SlackAlert.Details;
import io.ecsgate.slack.SlackAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Slack renderer of a {@link FailureReport}: one {@link SlackAlert} per service that did not end
 * {@code STABLE} (and, when asked, per stable one too), with the same top reasons and links as the
 * text report, the stopped tasks, log tails and events as details, and GitLab's context from the
 * environment ({@code CI_JOB_URL}, {@code CI_PIPELINE_URL}, {@code CI_ENVIRONMENT_NAME},
 * {@code CI_PROJECT_PATH}, {@code CI_COMMIT_SHORT_SHA}, {@code GITLAB_USER_*}). Escaping and limits
 * are the slack module's business.
 */
public final class SlackAlerts {
  private SlackAlerts() {}

  /**
   * @param alsoStable one alert for every service, not only those that did not end stable
   * @param mentionEmail whom to mention (--mention-email), or null for {@code GITLAB_USER_EMAIL}
   */
  public static List<SlackAlert> from(FailureReport report, boolean alsoStable, Map<String, String> env, String mentionEmail) {
    List<SlackAlert> alerts = new ArrayList<>();
    for (ServiceResult s : report.services()) {
      if (alsoStable || !s.outcome().passed()) {
        alerts.add(alert(report, s, env, mentionEmail));
      }
    }
    return alerts;
  }

  private static SlackAlert alert(FailureReport report, ServiceResult s, Map<String, String> env, String mentionEmail) {
    String cluster = Arns.clusterName(s.cluster());
    ServiceDiagnosis d = s.diagnosis();
    List<ReportFacts.Reason> reasons = ReportFacts.topReasons(d, 50);
    DiagnosedTask newest = reasons.isEmpty() ? null : reasons.get(0).newest();
    String serviceUrl = ReportFacts.serviceConsoleUrl(report, s);

    SlackAlert.Builder b = SlackAlert.builder()
        .outcome(s.outcome().name())
        .cluster(cluster)
        .service(s.service())
        .region(report.region())
        .verdict(s.rollbackNote() == null ? s.verdict() : s.verdict() + "; rollback: " + s.rollbackNote())
        .hint(reasons.isEmpty() ? null : reasons.get(0).hint())
        .links(new SlackAlert.Links(serviceUrl, newest == null ? null : newest.taskConsoleUrl(),
            newest == null ? null : newest.logConsoleUrl(), env.get("CI_JOB_URL"), env.get("CI_PIPELINE_URL")))
        .context(new SlackAlert.Context(env.get("CI_ENVIRONMENT_NAME"), env.get("CI_PROJECT_PATH"),
            env.get("CI_COMMIT_SHORT_SHA")))
        .source("ecs-gate " + report.command())
        .triggeredBy(new SlackAlert.Requester(present(mentionEmail) ? mentionEmail : env.get("GITLAB_USER_EMAIL"),
            env.get("GITLAB_USER_LOGIN"), env.get("GITLAB_USER_NAME")));
    for (ReportFacts.Reason r : reasons) {
      Verdict v = r.newest().verdict();
      String quoted = v.evidence().containerReason() != null ? v.evidence().containerReason() : v.evidence().reason();
      b.reason(new SlackAlert.Reason(r.category(), r.container(), r.exitCode(), quoted, r.summary(), r.count()));
    }
    if (d != null) {
      b.categoryCounts(d.byCategory());
    }
    if (s.outcome() != Outcome.NOT_GATED) {
      b.detail(new Details("Deployment", List.of(state(s)), false));
    }
    if (d != null) {
      DiagnosisDetails.addTo(b, d, ReportText.MAX_TASKS);
    }
    return b.build();
  }

  private static String state(ServiceResult r) {
    List<String> parts = new ArrayList<>();
    if (r.deploymentId() != null) {
      parts.add("deployment " + r.deploymentId());
    }
    if (r.taskDefinition() != null) {
      parts.add("task definition " + r.taskDefinition()
          + (r.previousTaskDefinition() == null ? "" : " (was " + r.previousTaskDefinition() + ")"));
    }
    parts.add("running " + r.runningCount() + "/" + r.desiredCount());
    parts.add("pending " + r.pendingCount());
    parts.add("failed tasks " + r.failedTasks());
    if (r.rolloutState() != null) {
      parts.add("rollout " + r.rolloutState());
    }
    if (r.breakerProgress() != null) {
      parts.add("circuit breaker " + r.breakerProgress());
    }
    return String.join(", ", parts);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
