package io.ecsgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Category;
import io.ecsgate.slack.SlackAlert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report as Slack alerts: what each message is built from. */
class SlackAlertsTest {
  private static final Map<String, String> GITLAB = Map.of(
      "CI_JOB_URL", "https://gitlab.example.com/shop/web/-/jobs/4711",
      "CI_PIPELINE_URL", "https://gitlab.example.com/shop/web/-/pipelines/815",
      "CI_ENVIRONMENT_NAME", "production",
      "CI_PROJECT_PATH", "shop/web",
      "CI_COMMIT_SHORT_SHA", "a1b2c3d4",
      "GITLAB_USER_EMAIL", "alice@example.com",
      "GITLAB_USER_LOGIN", "alice",
      "GITLAB_USER_NAME", "Alice Example");

  @Test
  void oneAlertPerServiceThatDidNotEndStableWithTheReportsFacts() {
    List<SlackAlert> alerts = SlackAlerts.from(Fixtures.failedAndStable(), false, GITLAB, null);

    assertThat(alerts).hasSize(1);
    SlackAlert a = alerts.get(0);
    assertThat(a.outcome()).isEqualTo("FAILED");
    assertThat(a.cluster()).isEqualTo("prod");
    assertThat(a.service()).isEqualTo("web");
    assertThat(a.region()).isEqualTo("eu-west-1");
    assertThat(a.verdict()).isEqualTo("2 tasks of deployment ecs-svc/1234567890123456789 failed: APP_EXIT");
    assertThat(a.categoryCounts()).containsEntry(Category.APP_EXIT, 2).containsEntry(Category.DEPLOYMENT_OR_SCALING, 1);
    assertThat(a.topReasons()).singleElement().satisfies(r -> {
      assertThat(r.category()).isEqualTo(Category.APP_EXIT);
      assertThat(r.count()).isEqualTo(2);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.container()).isEqualTo("app");
      assertThat(r.summary()).startsWith("Container app exited with code 1");
    });
    assertThat(a.hint()).isNotBlank();
    assertThat(a.links().service()).isEqualTo("https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/events?region=eu-west-1");
    assertThat(a.links().task()).contains("/tasks/aaaaaaaa11112222/configuration");
    assertThat(a.links().logStream()).contains("#logsV2:log-groups/log-group/$252Fecs$252Fweb/log-events/");
    assertThat(a.links().job()).isEqualTo("https://gitlab.example.com/shop/web/-/jobs/4711");
    assertThat(a.links().pipeline()).isEqualTo("https://gitlab.example.com/shop/web/-/pipelines/815");
    assertThat(a.context()).isEqualTo(new SlackAlert.Context("production", "shop/web", "a1b2c3d4"));
    assertThat(a.source()).isEqualTo("ecs-gate deploy");
    assertThat(a.triggeredBy()).isEqualTo(new SlackAlert.Requester("alice@example.com", "alice", "Alice Example"));
    assertThat(a.details()).extracting(SlackAlert.Details::title).containsExactly("Deployment",
        "Stopped tasks (3, newest first)", "Last log lines of app, task aaaaaaaa (APP_EXIT)", "Service events (1, newest first)");
    assertThat(a.details().get(0).lines()).containsExactly("deployment ecs-svc/1234567890123456789, task definition web:2"
        + " (was web:1), running 0/2, pending 1, failed tasks 2, rollout IN_PROGRESS, circuit breaker 2/3");
    assertThat(a.details().get(1).lines().get(0))
        .isEqualTo("ALERT  APP_EXIT               task aaaaaaaa  stopped 2026-03-02T09:01:30Z  exit 1  web:2:"
            + " Container app exited with code 1 (application error)");
    assertThat(a.details().get(2).preformatted()).isTrue();
    assertThat(a.details().get(2).lines()).contains("Starting ShopApplication");
  }

  @Test
  void alwaysAlsoReportsStableServicesAndTheMentionEmailFlagWins() {
    List<SlackAlert> alerts = SlackAlerts.from(Fixtures.failedAndStable(), true, GITLAB, "bob@example.com");

    assertThat(alerts).extracting(SlackAlert::outcome).containsExactly("FAILED", "STABLE");
    SlackAlert stable = alerts.get(1);
    assertThat(stable.topReasons()).isEmpty();
    assertThat(stable.links().service()).contains("/services/api/events");
    assertThat(stable.triggeredBy().email()).isEqualTo("bob@example.com");
  }

  @Test
  void aServiceThatCouldNotBeGatedHasNoStateOrConsoleLinkAndNothingFromGitLabOutsideIt() {
    List<SlackAlert> alerts = SlackAlerts.from(Fixtures.report(Fixtures.notGated("gone", "service not found (MISSING)")),
        false, Map.of(), null);

    SlackAlert a = alerts.get(0);
    assertThat(a.outcome()).isEqualTo("NOT_GATED");
    assertThat(a.verdict()).isEqualTo("service not found (MISSING)");
    assertThat(a.details()).isEmpty();
    assertThat(a.links()).isEqualTo(SlackAlert.Links.NONE);
    assertThat(a.triggeredBy()).isEqualTo(SlackAlert.Requester.NOBODY);
  }
}
