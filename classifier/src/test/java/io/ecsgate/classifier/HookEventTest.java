package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code ECS Hook State Change}: parsed into a {@link HookEvent} whatever the event leaves out,
 * judged by its event name and hook type, and matched by the user's rules like any other signal.
 */
class HookEventTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEPLOYMENT =
      "arn:aws:ecs:us-west-2:123456789012:service-deployment/prod/web/0EYSiB0qap8xf0N76FsbE";
  private final SignalParser parser = new SignalParser(JSON);

  private HookEvent hook(String eventName, String hookType, String extraDetail) throws Exception {
    SignalParser.Parsed p = parser.parse(JSON.readTree("""
        {"id":"e1","detail-type":"ECS Hook State Change","time":"2026-03-05T15:54:41Z","region":"us-west-2",
         "resources":["%s"],
         "detail":{"eventType":"INFO","eventName":"%s","hookId":"ecs-pause-abc",%s
           "expiresAt":"2026-03-05T16:04:41Z","lifecycleStage":"POST_TEST_TRAFFIC_SHIFT"%s}}"""
        .formatted(DEPLOYMENT, eventName, hookType == null ? "" : "\"hookType\":\"" + hookType + "\",", extraDetail)));
    assertThat(p.skippedBecause()).isNull();
    return (HookEvent) p.signals().get(0).signal();
  }

  @Test
  void withoutServiceAndClusterArnsTheServiceDeploymentArnNamesThem() throws Exception {
    HookEvent h = hook("HOOK_AWAITING_ACTION", "PAUSE", "");

    assertThat(h.service()).isEqualTo("web");
    assertThat(h.cluster()).isEqualTo("prod");
    assertThat(h.serviceDeploymentArn()).isEqualTo(DEPLOYMENT);
    assertThat(h.expiresAt()).isEqualTo(Instant.parse("2026-03-05T16:04:41Z"));
    assertThat(h.kind()).isEqualTo("hook");
    assertThat(h.eventName()).isEqualTo("HOOK_AWAITING_ACTION");
  }

  @Test
  void theDetailsArnsWinOverTheDeploymentArn() throws Exception {
    HookEvent h = hook("HOOK_IN_PROGRESS", "PAUSE", """
        ,"clusterArn":"arn:aws:ecs:us-west-2:123456789012:cluster/other",
        "serviceArn":"arn:aws:ecs:us-west-2:123456789012:service/other/api\"""");

    assertThat(h.service()).isEqualTo("api");
    assertThat(h.cluster()).isEqualTo("arn:aws:ecs:us-west-2:123456789012:cluster/other");
  }

  @Test
  void aPausedDeploymentSaysWhoWaitsForWhatWithTheCommandsThatAnswerIt() throws Exception {
    Verdict v = StopClassifier.withDefaults().classify(hook("HOOK_AWAITING_ACTION", "PAUSE", ""));

    assertThat(v.alert()).isTrue();
    assertThat(v.category()).isEqualTo(Category.DEPLOYMENT_PAUSED);
    assertThat(v.summary()).contains("web", "POST_TEST_TRAFFIC_SHIFT", "ecs-pause-abc", "2026-03-05T16:04:41Z");
    assertThat(v.hint())
        .contains("ecs-gate continue --cluster prod --service web (")
        .contains("ecs-gate continue --cluster prod --service web --rollback")
        .contains("aws ecs continue-service-deployment --service-deployment-arn " + DEPLOYMENT
            + " --hook-id ecs-pause-abc --action CONTINUE")
        .contains("--action ROLLBACK");
  }

  @Test
  void aFailedHookBlamesWhatFailedIt() throws Exception {
    StopClassifier c = StopClassifier.withDefaults();
    Verdict pause = c.classify(hook("HOOK_FAILED", "PAUSE", ""));
    Verdict lambda = c.classify(hook("HOOK_FAILED", "AWS_LAMBDA", ""));
    Verdict unknown = c.classify(hook("HOOK_FAILED", null, ""));

    assertThat(pause.alert()).isTrue();
    assertThat(pause.category()).isEqualTo(Category.DEPLOYMENT_FAILED);
    assertThat(pause.hint()).contains("ROLLBACK").doesNotContain("Lambda");
    assertThat(lambda.hint()).contains("Lambda function", "logs");
    assertThat(unknown.hint()).contains("Lambda", "pause");
    assertThat(pause.summary()).contains("rolls the deployment back");
  }

  @Test
  void aTimedOutHookSaysTheTimeoutActionDecides() throws Exception {
    Verdict v = StopClassifier.withDefaults().classify(hook("HOOK_TIMED_OUT", "PAUSE", ""));

    assertThat(v.alert()).isTrue();
    assertThat(v.category()).isEqualTo(Category.DEPLOYMENT_FAILED);
    assertThat(v.summary()).contains("timeout action");
    assertThat(v.hint()).contains("Nobody continued", "timeoutConfiguration.action", DEPLOYMENT);
  }

  @Test
  void routineAndUnknownHookEvents() throws Exception {
    StopClassifier c = StopClassifier.withDefaults();

    assertThat(c.classify(hook("HOOK_IN_PROGRESS", "AWS_LAMBDA", "")).alert()).isFalse();
    assertThat(c.classify(hook("HOOK_SUCCEEDED", "PAUSE", "")).rule()).isEqualTo("default:hook-succeeded");
    Verdict other = c.classify(hook("HOOK_SOMETHING_NEW", "PAUSE", ""));
    assertThat(other.category()).isEqualTo(Category.UNKNOWN);
    assertThat(other.alert()).as("an INFO event of a new name").isFalse();
  }

  @Test
  void userRulesMatchHookEventsByEventNameServiceAndCategory() throws Exception {
    RuleSet rules = RuleSet.parse("""
        exclusions:
          - name: staging-pauses-are-expected
            cluster: staging
            eventName: HOOK_AWAITING_ACTION
          - name: web-hooks
            service: web
            category: DEPLOYMENT_FAILED
        """, "rules.yaml");
    StopClassifier c = StopClassifier.with(rules);

    assertThat(c.classify(hook("HOOK_FAILED", "PAUSE", "")).rule()).isEqualTo("web-hooks");
    assertThat(c.classify(hook("HOOK_FAILED", "PAUSE", "")).alert()).isFalse();
    Verdict paused = c.classify(hook("HOOK_AWAITING_ACTION", "PAUSE", ""));
    assertThat(paused.alert()).as("the pause is in cluster prod, not staging").isTrue();
    assertThat(paused.rule()).isEqualTo("default:hook-awaiting-action");
  }
}
