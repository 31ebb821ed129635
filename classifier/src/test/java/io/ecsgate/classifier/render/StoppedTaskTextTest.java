package io.ecsgate.classifier.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.Evidence;
import io.ecsgate.classifier.Hostile;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The one way a stopped task is written: the text report, Slack and the gate's progress all use it. */
class StoppedTaskTextTest {
  private static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";
  private static final Instant STOPPED = Instant.parse("2026-03-02T09:01:02.789Z");

  private static StoppedTask crashed(String id) {
    return StoppedTask.builder()
        .taskArn(ARN + "task/prod/" + id).cluster(ARN + "cluster/prod")
        .taskDefinitionArn(ARN + "task-definition/web:2").group("service:web")
        .lastStatus("STOPPED").stopCode("EssentialContainerExited").stoppedReason("Essential container in task exited")
        .container(new ContainerExit("app", 1, null, "STOPPED", true, "app:2.4.0"))
        .stoppingAt(STOPPED.minusSeconds(5)).stoppedAt(STOPPED)
        .build();
  }

  private static Verdict verdict(boolean alert, Category category, Integer exitCode, String summary) {
    return new Verdict(alert, category, summary, null, new Evidence("app", exitCode, null, null, null), "test");
  }

  @Test
  void shortIdIsTheFirstEightCharactersOfWhatIsSafeToPrint() {
    assertThat(StoppedTaskText.shortId("1a2b3c4d5e6f7a8b9c0d")).isEqualTo("1a2b3c4d");
    assertThat(StoppedTaskText.shortId("abc")).isEqualTo("abc");
    assertThat(StoppedTaskText.shortId(null)).isEqualTo("?");
    assertThat(StoppedTaskText.shortId("\u001b[2Jab\ncd")).isEqualTo("ab cd");
  }

  @Test
  void timesAreToTheSecondAndAStopTimeFallsBackToStoppingAt() {
    assertThat(StoppedTaskText.time(STOPPED)).isEqualTo("2026-03-02T09:01:02Z");
    assertThat(StoppedTaskText.time(null)).isEqualTo("-");
    assertThat(StoppedTaskText.stoppedAt(crashed("a"))).isEqualTo(STOPPED);
    StoppedTask stopping = StoppedTask.builder().taskArn(ARN + "task/prod/b").stoppingAt(STOPPED).build();
    assertThat(StoppedTaskText.stoppedAt(stopping)).isEqualTo(STOPPED);
    assertThat(StoppedTaskText.stoppedAt(StoppedTask.builder().taskArn(ARN + "task/prod/c").build())).isNull();
  }

  @Test
  void theLineHasTheVerdictTheTaskItsStopExitCodeAndTaskDefinitionThenTheSummary() {
    StoppedTask t = crashed("1a2b3c4d5e6f7a8b");
    Verdict v = StopClassifier.withDefaults().classify(t);

    assertThat(StoppedTaskText.line(t, v)).isEqualTo("ALERT  APP_EXIT               task 1a2b3c4d  stopped 2026-03-02T09:01:02Z"
        + "  exit 1  web:2: Container app exited with code 1 (application error)");
    assertThat(StoppedTaskText.heading(t, v))
        .isEqualTo("ALERT  APP_EXIT               task 1a2b3c4d  stopped 2026-03-02T09:01:02Z  exit 1  web:2");
  }

  @Test
  void whatIsNotKnownIsLeftOutAndUntrustedTextStaysOnOneLine() {
    StoppedTask bare = StoppedTask.builder().taskArn(ARN + "task/prod/cccccccc55556666").build();

    String line = StoppedTaskText.line(bare, verdict(false, Category.DEPLOYMENT_OR_SCALING, null, "replaced\nby \u001b[31mdeploy"));

    assertThat(line).isEqualTo("ok     DEPLOYMENT_OR_SCALING  task cccccccc  stopped -: replaced by deploy");
  }

  @Test
  void theProgressFormIsTheGatesLineForANewlyStoppedTask() {
    StoppedTask t = crashed("1a2b3c4d5e6f7a8b");

    assertThat(StoppedTaskText.progress(t, StopClassifier.withDefaults().classify(t)))
        .isEqualTo("task 1a2b3c4d stopped: APP_EXIT exit 1 - Container app exited with code 1 (application error)");
    assertThat(StoppedTaskText.progress(t, verdict(false, Category.DEPLOYMENT_OR_SCALING, null, "Replaced by a deployment")))
        .isEqualTo("task 1a2b3c4d stopped: DEPLOYMENT_OR_SCALING (not a failure) - Replaced by a deployment");
    assertThat(StoppedTaskText.progress(t, verdict(true, Category.APP_EXIT, 137, "x".repeat(300))))
        .endsWith(" exit 137 - " + "x".repeat(159) + "…");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.ecsgate.classifier.Hostile#SAMPLES")
  void theProgressLineOfAHostileReasonIsNeutral(Hostile.Sample sample) {
    StoppedTask t = crashed("1a2b3c4d5e6f7a8b").toBuilder().taskArn(ARN + "task/prod/" + sample.text()).build();

    String line = StoppedTaskText.progress(t, verdict(true, Category.APP_EXIT, 1, "crashed: " + sample.text()));

    Hostile.assertNeutral(line);
    assertThat(line).contains(sample.visible());
  }
}
