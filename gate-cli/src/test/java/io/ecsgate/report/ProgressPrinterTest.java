package io.ecsgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.Evidence;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.deployment.DeploymentState;
import io.ecsgate.classifier.deployment.ServiceState;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceEventLine;
import io.ecsgate.gate.ServiceProgress;
import io.ecsgate.gate.Watched;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The gate's progress lines on stderr, the GitLab job log: what ECS wrote cannot act on the log. */
class ProgressPrinterTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";

  private final StringWriter err = new StringWriter();
  private final ProgressPrinter printer = new ProgressPrinter(new PrintWriter(err), START);

  static StoppedTask task(String id, String reason) {
    return StoppedTask.builder().taskArn(ARN + "task/prod/" + id).cluster(ARN + "cluster/prod")
        .lastStatus("STOPPED").stopCode("EssentialContainerExited").stoppedReason(reason)
        .container(new ContainerExit("app", 1, reason, "STOPPED", true, "app:2")).stoppedAt(START).build();
  }

  static Verdict crashed(String summary) {
    return new Verdict(true, Category.APP_EXIT, summary, null, new Evidence("app", 1, null, null, null), "test");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.ecsgate.report.Hostile#SAMPLES")
  void hostileTextFromECSIsNeutralOnEveryProgressLine(Hostile.Sample sample) {
    String h = sample.text();
    Watched w = new Watched("prod", "web" + h, "ecs-svc/1" + h, ARN + "task-definition/web:2" + h, null, START);
    ServiceState state = new ServiceState("web", "ACTIVE", 2, 0, 2, "web:2",
        List.of(new DeploymentState("ecs-svc/1" + h, "PRIMARY", "IN_PROGRESS" + h, h, "web:2", 0)));

    printer.started(w, true);
    printer.taskStopped(w, task("1a2b3c4d5e6f7a8b", h), crashed("Container app exited: " + h), START.plusSeconds(5));
    printer.polled(new ServiceProgress(w, state, List.of(new ServiceEventLine(START.plusSeconds(6), "(service web) " + h)),
        1, 3, null), START.plusSeconds(7));
    printer.pollFailed("throttled " + h, Duration.ofSeconds(5), START.plusSeconds(8));
    printer.note("web" + h, "a note " + h, START.plusSeconds(9));
    printer.decided("web" + h, Outcome.FAILED, "because " + h, START.plusSeconds(10));

    List<String> lines = err.toString().lines().toList();
    assertThat(lines).hasSize(7).allSatisfy(line -> {
      assertThat(line).startsWith("[00:");
      Hostile.assertNeutral(line);
    });
    assertThat(lines.get(1)).contains("task 1a2b3c4d", sample.visible());
    assertThat(lines.get(3)).contains("event: (service web) ", sample.visible());
  }
}
