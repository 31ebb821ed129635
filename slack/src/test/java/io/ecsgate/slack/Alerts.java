package io.ecsgate.slack;

import io.ecsgate.classifier.Category;
import io.ecsgate.slack.SlackAlert.Details;
import java.util.ArrayList;
import java.util.List;

/** Alerts for the tests: a realistic crash loop, and one with hostile text everywhere. */
final class Alerts {
  /** Text that tries to ping the channel, mention a user, hide a link and break the markup. */
  static final String HOSTILE = "<!channel> <@U123> <https://evil.example|click> & <!here> `x` *b* \n> quoted\u202e";

  private Alerts() {}

  static SlackAlert.Builder crashLoop() {
    return SlackAlert.builder()
        .outcome("FAILED")
        .cluster("demo")
        .service("web")
        .region("us-east-1")
        .verdict("5 of the last 5 stopped tasks failed: APP_EXIT (exit 1)")
        .count(Category.APP_EXIT, 14)
        .count(Category.DEPLOYMENT_OR_SCALING, 2)
        .reason(new SlackAlert.Reason(Category.APP_EXIT, "app", 1, "Essential container in task exited",
            "Container app exited with code 1 (application error)", 14))
        .hint("Read the container's last log lines: an unhandled exception, a missing environment variable...")
        .links(new SlackAlert.Links(
            "https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/demo/services/web/events?region=us-east-1",
            "https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/demo/tasks/98fc33ed/configuration?region=us-east-1",
            "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Fecs$252Fweb",
            "https://gitlab.example.com/shop/web/-/jobs/4711",
            "https://gitlab.example.com/shop/web/-/pipelines/815"))
        .detail(new Details("Stopped tasks (2, newest first)", List.of(
            "ALERT APP_EXIT task 98fc33ed stopped 2026-11-21T20:50:51Z exit 1 web:2",
            "ALERT APP_EXIT task 1a2b3c4d stopped 2026-11-21T20:50:01Z exit 1 web:2"), false))
        .detail(new Details("Last log lines of app, task 98fc33ed (APP_EXIT)", List.of(
            "ERROR [main] o.s.boot.SpringApplication - Application run failed",
            "Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder 'PAYMENT_API_URL'"), true))
        .context(new SlackAlert.Context("production", "shop/web", "a1b2c3d4"))
        .source("ecs-gate deploy")
        .triggeredBy(new SlackAlert.Requester("alice@example.com", "alice", "Alice Example"));
  }

  /** Hostile text in every untrusted field, very long reasons, 100 stopped tasks, twelve log tails of 100 long lines. */
  static SlackAlert hostileAndHuge() {
    String longText = (HOSTILE + " ").repeat(300); // ~20,000 characters, more once escaped
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      tasks.add("ALERT APP_EXIT task " + i + " " + HOSTILE + " " + "x".repeat(200));
    }
    List<String> logs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      logs.add("``` " + HOSTILE + " line " + i + " " + "&".repeat(400));
    }
    SlackAlert.Builder b = crashLoop()
        .service("web" + HOSTILE)
        .cluster("demo" + HOSTILE)
        .verdict(longText)
        .hint(longText)
        .context(new SlackAlert.Context(HOSTILE, HOSTILE, HOSTILE))
        .source("ecs-gate " + HOSTILE)
        .topReasons(List.of())
        .details(List.of(new Details("Stopped tasks " + HOSTILE, tasks, false), new Details("Logs " + HOSTILE, logs, true)))
        .triggeredBy(new SlackAlert.Requester(null, "mallory" + HOSTILE, "Mallory " + HOSTILE));
    for (int i = 2; i <= 12; i++) {
      b.detail(new Details("Logs " + i, logs, true));
    }
    b.detail(new Details("Events", tasks, false));
    for (int i = 0; i < 5; i++) {
      b.reason(new SlackAlert.Reason(Category.APP_EXIT, "app" + HOSTILE, 1, longText, longText, 20 - i));
    }
    return b.build();
  }
}
