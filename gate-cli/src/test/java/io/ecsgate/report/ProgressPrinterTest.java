package io.ecsgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Hostile;
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
import org.junit.jupiter.api.Test;
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
  @FieldSource("io.ecsgate.classifier.Hostile#SAMPLES")
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

  @Test
  void aBatchOfStoppedTasksLikeEachOtherIsOneLineAndACount() {
    Watched w = new Watched("prod", "web", "ecs-svc/1", ARN + "task-definition/web:2", null, START);
    Instant now = START.plusSeconds(1);
    for (int i = 0; i < 94; i++) {
      printer.taskStopped(w, task(String.format("%08x00000000", i), "Essential container in task exited"),
          crashed("Container app exited with code 1 (application error)"), now);
      if (i % 40 == 0) {
        printer.taskStopped(w, task(String.format("%08xffffffff", i), "OutOfMemoryError"), oom(), now);
      }
    }
    printer.polled(progress(w, 94), now);
    printer.taskStopped(w, task("aaaaaaaa00000000", "x"), crashed("Container app exited with code 1 (application error)"),
        now.plusSeconds(5));
    printer.taskStopped(w, task("bbbbbbbb00000000", "x"), crashed("Container app exited with code 1 (application error)"),
        now.plusSeconds(5));
    printer.decided("web", Outcome.FAILED, "96 tasks of deployment ecs-svc/1 failed (threshold 3)", now.plusSeconds(5));

    assertThat(err.toString().lines()).containsExactly(
        "[00:01] web: task 00000000 stopped: APP_EXIT exit 1 - Container app exited with code 1 (application error)",
        "[00:01] web: ... and 93 more like it",
        "[00:01] web: task 00000000 stopped: OUT_OF_MEMORY exit 137 - Container app ran out of memory",
        "[00:01] web: ... and 2 more like it",
        "[00:01] web: running 0/2, pending 2, failed 94/3, rollout IN_PROGRESS",
        "[00:06] web: task aaaaaaaa stopped: APP_EXIT exit 1 - Container app exited with code 1 (application error)",
        "[00:06] web: task bbbbbbbb stopped: APP_EXIT exit 1 - Container app exited with code 1 (application error)",
        "[00:06] web: FAILED: 96 tasks of deployment ecs-svc/1 failed (threshold 3)");
  }

  @Test
  void tasksThatStoppedForDifferentReasonsOrInAnotherContainerAreNotFolded() {
    Watched w = new Watched("prod", "web", "ecs-svc/1", ARN + "task-definition/web:2", null, START);
    for (String summary : new String[] {"Container app exited with code 1", "Container app exited with code 1",
        "Container app exited with code 1 (different)"}) {
      printer.taskStopped(w, task("1a2b3c4d5e6f7a8b", "x"), crashed(summary), START);
    }
    printer.taskStopped(w, task("1a2b3c4d5e6f7a8b", "x"), new Verdict(true, Category.APP_EXIT,
        "Container app exited with code 1", null, new Evidence("sidecar", 1, null, null, null), "test"), START);
    printer.polled(progress(w, 4), START);

    assertThat(err.toString().lines()).hasSize(5).filteredOn(l -> l.contains("more like it")).isEmpty();
  }

  private static Verdict oom() {
    return new Verdict(true, Category.OUT_OF_MEMORY, "Container app ran out of memory", null,
        new Evidence("app", 137, "OutOfMemoryError", null, null), "test");
  }

  private static ServiceProgress progress(Watched w, int failed) {
    ServiceState state = new ServiceState("web", "ACTIVE", 2, 0, 2, "web:2",
        List.of(new DeploymentState(w.deploymentId(), "PRIMARY", "IN_PROGRESS", null, "web:2", 0)));
    return new ServiceProgress(w, state, List.of(), failed, 3, null);
  }
}
