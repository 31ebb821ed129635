package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.render.VerdictJson;
import io.ecsgate.classifier.render.VerdictText;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What the Lambda's sweep finds (a task running too long, a service below its desired count) is
 * judged like any other signal: the default policy alerts, and the user's rules apply on top.
 */
class SweepSignalTest {
  private static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";
  private static final Instant NOW = Instant.parse("2026-11-21T03:15:00Z");

  private static LongRunningTask migration(String cluster) {
    return new LongRunningTask(ARN + "cluster/" + cluster, ARN + "task/" + cluster + "/0123456789abcdef0123456789abcdef",
        ARN + "task-definition/migrate:12", "family:migrate", "alice", NOW.minus(Duration.ofHours(25).plusMinutes(30)),
        Duration.ofHours(25).plusMinutes(30), Duration.ofHours(24));
  }

  private static ServiceBelowDesired web(String cluster, int running) {
    return new ServiceBelowDesired(ARN + "cluster/" + cluster, "web", running, 2, 1, Instant.parse("2026-11-21T02:55:00.500Z"),
        ARN + "task-definition/web:7");
  }

  @Test
  void aTaskPastItsLimitAlertsWithWhatToDo() {
    Verdict v = StopClassifier.withDefaults().classify(migration("prod"));

    assertThat(v.alert()).isTrue();
    assertThat(v.category()).isEqualTo(Category.LONG_RUNNING);
    assertThat(v.rule()).isEqualTo("default:long-running-task");
    assertThat(v.summary()).isEqualTo("Task 01234567 of family:migrate has been running for 25h30m (limit 24h)");
    assertThat(v.hint()).contains("aws ecs stop-task --cluster prod --task 0123456789abcdef0123456789abcdef",
        "SWEEP_EXCLUDE_GROUPS");
    assertThat(v.evidence()).isEqualTo(Evidence.NONE);
  }

  @Test
  void aServiceBelowItsDesiredCountAlertsAndSaysWhenItIsDown() {
    Verdict down = StopClassifier.withDefaults().classify(web("prod", 0));
    Verdict degraded = StopClassifier.withDefaults().classify(web("prod", 1));

    assertThat(down.alert()).isTrue();
    assertThat(down.category()).isEqualTo(Category.BELOW_DESIRED);
    assertThat(down.rule()).isEqualTo("default:service-below-desired");
    assertThat(down.summary()).isEqualTo("Service web has run 0 of 2 tasks since at least 2026-11-21T02:55:00Z: it is down");
    assertThat(down.hint()).contains("ecs-gate diagnose --cluster prod --service web");
    assertThat(degraded.summary()).isEqualTo("Service web has run 1 of 2 tasks since at least 2026-11-21T02:55:00Z");
  }

  @Test
  void anExclusionSilencesATaskRunningTooLongByClusterGroupAndCategory() throws Exception {
    StopClassifier classifier = StopClassifier.with(RuleSet.parse("""
        exclusions:
          - name: dev-migrations-run-long
            cluster: "dev-*"
            group: "family:migrate"
            category: LONG_RUNNING
        """, "rules.yaml"));

    Verdict dev = classifier.classify(migration("dev-1"));
    Verdict prod = classifier.classify(migration("prod"));

    assertThat(dev.alert()).isFalse();
    assertThat(dev.rule()).isEqualTo("dev-migrations-run-long");
    assertThat(dev.category()).isEqualTo(Category.LONG_RUNNING);
    assertThat(prod.alert()).isTrue();
  }

  @Test
  void anExclusionSilencesAServiceBelowDesiredByServiceAndCategory() throws Exception {
    StopClassifier classifier = StopClassifier.with(RuleSet.parse("""
        exclusions:
          - name: web-is-scaled-down-on-purpose
            service: web
            category: BELOW_DESIRED
        """, "rules.yaml"));

    Verdict v = classifier.classify(web("prod", 0));

    assertThat(v.alert()).isFalse();
    assertThat(v.rule()).isEqualTo("web-is-scaled-down-on-purpose");
  }

  @Test
  void groupAndTaskDefinitionConditionsSeeTheSweepsSignalsAndReasonConditionsNeverMatchThem() throws Exception {
    StopClassifier classifier = StopClassifier.with(RuleSet.parse("""
        exclusions:
          - name: by-reason
            stoppedReason: {regex: ".*"}
          - name: by-event-name
            eventName: SERVICE_STEADY_STATE
          - name: web-by-group
            group: "service:web"
          - name: migrate-by-task-definition
            taskDefinition: "migrate:*"
        """, "rules.yaml"));

    assertThat(classifier.classify(web("prod", 0)).rule()).isEqualTo("web-by-group");
    assertThat(classifier.classify(migration("prod")).rule()).isEqualTo("migrate-by-task-definition");
  }

  @Test
  void anAlwaysAlertRuleWinsOverAnExclusionOfASweepFinding() throws Exception {
    StopClassifier classifier = StopClassifier.with(RuleSet.parse("""
        exclusions:
          - name: no-sweep-alerts
            category: [LONG_RUNNING, BELOW_DESIRED]
        alwaysAlert:
          - name: prod-is-watched
            cluster: "prod"
        """, "rules.yaml"));

    assertThat(classifier.classify(migration("prod")).rule()).isEqualTo("prod-is-watched");
    assertThat(classifier.classify(migration("prod")).alert()).isTrue();
    assertThat(classifier.classify(web("dev", 0)).alert()).isFalse();
  }

  @Test
  void theRenderersNameTheKindTheGroupAndTheTask() throws Exception {
    LongRunningTask t = migration("prod");
    Verdict v = StopClassifier.withDefaults().classify(t);
    StringWriter json = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(json)) {
      VerdictJson.write(g, "sweep", new SourcedSignal(t, null, null, "eu-west-1", null, ""), v);
    }
    StringWriter text = new StringWriter();
    try (java.io.PrintWriter out = new java.io.PrintWriter(text)) {
      VerdictText.write(out, null, t, v);
    }

    JsonNode n = new ObjectMapper().readTree(json.toString());
    assertThat(n.get("kind").asText()).isEqualTo("long-running-task");
    assertThat(n.get("cluster").asText()).isEqualTo("prod");
    assertThat(n.get("group").asText()).isEqualTo("family:migrate");
    assertThat(n.get("taskArn").asText()).endsWith("/0123456789abcdef0123456789abcdef");
    assertThat(n.get("taskDefinition").asText()).isEqualTo("migrate:12");
    assertThat(n.get("category").asText()).isEqualTo("LONG_RUNNING");
    assertThat(text.toString()).startsWith("ALERT  LONG_RUNNING           prod/family:migrate task 01234567\n");
    assertThat(new ServiceBelowDesired(null, "web", 0, 1, 0, null, null).kind()).isEqualTo("service-below-desired");
  }
}
