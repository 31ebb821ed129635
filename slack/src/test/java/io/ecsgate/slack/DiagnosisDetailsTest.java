package io.ecsgate.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceEventLine;
import io.ecsgate.slack.SlackAlert.Details;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A diagnosis as thread replies: the stopped tasks (cut but counted), each log tail, the service events. */
class DiagnosisDetailsTest {
  private static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00.750Z");
  private static final StopClassifier CLASSIFIER = StopClassifier.withDefaults();

  private static DiagnosedTask crashed(String id, Instant stoppedAt, List<String> logTail, String logNote) {
    StoppedTask t = StoppedTask.builder()
        .taskArn(ARN + "task/prod/" + id).cluster(ARN + "cluster/prod")
        .taskDefinitionArn(ARN + "task-definition/web:2").group("service:web")
        .lastStatus("STOPPED").stopCode("EssentialContainerExited").stoppedReason("Essential container in task exited")
        .container(new ContainerExit("app", 1, null, "STOPPED", true, "app:2.4.0"))
        .stoppedAt(stoppedAt)
        .build();
    return new DiagnosedTask(t, CLASSIFIER.classify(t), logTail, null, null, logNote);
  }

  private static List<Details> details(ServiceDiagnosis d, int maxTasks) {
    SlackAlert.Builder b = SlackAlert.builder();
    DiagnosisDetails.addTo(b, d, maxTasks);
    return b.build().details();
  }

  @Test
  void tasksThenEachLogTailThenTheEvents() {
    List<DiagnosedTask> tasks = List.of(
        crashed("aaaaaaaa11112222", T0.plusSeconds(60), List.of("Starting", "Caused by: boom"), null),
        crashed("bbbbbbbb33334444", T0, List.of(), "container app never started: no log output"));
    ServiceDiagnosis d = new ServiceDiagnosis(tasks, Map.of(Category.APP_EXIT, 2),
        List.of(new ServiceEventLine(T0.plusSeconds(90), "(service web) is unable to consistently start tasks successfully.")),
        null);

    List<Details> details = details(d, 20);

    assertThat(details).extracting(Details::title).containsExactly("Stopped tasks (2, newest first)",
        "Last log lines of app, task aaaaaaaa (APP_EXIT)", "Last log lines of app, task bbbbbbbb (APP_EXIT)",
        "Service events (1, newest first)");
    assertThat(details.get(0).lines()).hasSize(2);
    assertThat(details.get(0).lines().get(0)).contains("APP_EXIT", "task aaaaaaaa", "stopped 2026-03-02T09:01:00Z",
        "exit 1", "web:2", "Container app exited with code 1");
    assertThat(details.get(1).preformatted()).isTrue();
    assertThat(details.get(1).lines()).containsExactly("Starting", "Caused by: boom");
    assertThat(details.get(2).lines()).containsExactly("(container app never started: no log output)");
    assertThat(details.get(3).lines())
        .containsExactly("2026-03-02T09:01:30Z  (service web) is unable to consistently start tasks successfully.");
  }

  @Test
  void aLongListOfTasksIsCutButCounted() {
    List<DiagnosedTask> tasks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tasks.add(crashed(String.format("%016x", i), T0.minusSeconds(i), List.of(), null));
    }

    List<Details> details = details(new ServiceDiagnosis(tasks, Map.of(Category.APP_EXIT, 12), List.of(), null), 10);

    assertThat(details).extracting(Details::title).containsExactly("Stopped tasks (12, newest first)");
    assertThat(details.get(0).lines()).hasSize(11)
        .last().isEqualTo("… and 2 more (the JSON report lists them all)");
  }
}
