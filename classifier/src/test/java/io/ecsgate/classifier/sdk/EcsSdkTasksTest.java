package io.ecsgate.classifier.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

class EcsSdkTasksTest {
  private final Task task = Task.builder()
      .taskArn("arn:aws:ecs:us-east-1:123456789012:task/prod/abc")
      .clusterArn("arn:aws:ecs:us-east-1:123456789012:cluster/prod")
      .group("family:report").startedBy("gitlab-ci").lastStatus("STOPPED").desiredStatus("STOPPED")
      .stopCode(TaskStopCode.ESSENTIAL_CONTAINER_EXITED).stoppedReason("Essential container in task exited")
      .stoppedAt(Instant.parse("2026-01-01T00:00:00Z"))
      .containers(
          Container.builder().name("report").exitCode(0).lastStatus("STOPPED").build(),
          Container.builder().name("otel").exitCode(137).lastStatus("STOPPED").build())
      .build();

  @Test
  void mapsEveryFieldTheClassifierUses() {
    StoppedTask t = EcsSdkTasks.fromSdk(task);

    assertThat(t.stopCode()).isEqualTo("EssentialContainerExited");
    assertThat(t.group()).isEqualTo("family:report");
    assertThat(t.stoppedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(t.containers()).extracting(c -> c.name() + "=" + c.exitCode()).containsExactly("report=0", "otel=137");
    assertThat(t.containers()).allSatisfy(c -> assertThat(c.essential()).isNull());
  }

  @Test
  void theTaskDefinitionTellsWhichContainersAreEssential() {
    TaskDefinition definition = TaskDefinition.builder().containerDefinitions(
        ContainerDefinition.builder().name("report").build(),
        ContainerDefinition.builder().name("otel").essential(false).build()).build();

    Verdict guessed = StopClassifier.withDefaults().classify(EcsSdkTasks.fromSdk(task));
    Verdict known = StopClassifier.withDefaults()
        .classify(EcsSdkTasks.withEssentialFlags(EcsSdkTasks.fromSdk(task), definition));

    // Without the definition, the offline rule guesses the same split and says it guessed.
    assertThat(guessed.category()).isEqualTo(Category.COMPLETED);
    assertThat(guessed.rule()).isEqualTo("default:completed.sidecars-stopped");
    assertThat(known.category()).isEqualTo(Category.COMPLETED);
    assertThat(known.rule()).isEqualTo("default:completed");
    assertThat(known.alert()).isFalse();
  }
}
