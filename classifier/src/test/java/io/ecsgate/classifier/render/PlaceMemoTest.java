package io.ecsgate.classifier.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Hostile;
import io.ecsgate.classifier.StoppedTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A verdict's subject must read the same whether its parts were remembered or made anew. */
class PlaceMemoTest {

  @Test
  void aRememberedPlaceIsThePlaceOfItsOwnClusterAndGroup() {
    PlaceMemo oneSlot = new PlaceMemo(1);
    PlaceMemo memo = new PlaceMemo(1024);
    List<StoppedTask> tasks = tasks();

    for (int round = 0; round < 3; round++) {
      for (StoppedTask task : tasks) {
        assertThat(memo.of(task)).isEqualTo(VerdictText.place(task));
        assertThat(oneSlot.of(task)).isEqualTo(VerdictText.place(task));
        StoppedTask copy = task.toBuilder()
            .cluster(task.cluster() == null ? null : new String(task.cluster()))
            .group(task.group() == null ? null : new String(task.group())).build();
        assertThat(memo.of(copy)).isEqualTo(VerdictText.place(task));
      }
    }
  }

  @Test
  void theShortTaskIdIsWhatMakingTheWholeIdSafeGives() {
    List<String> arns = new ArrayList<>(List.of(
        "arn:aws:ecs:us-east-1:123456789012:task/prod/0123456789abcdef0123456789abcdef",
        "arn:aws:ecs:us-east-1:123456789012:task/0123456789abcdef", "0123456789abcdef", "short",
        "arn:aws:ecs:us-east-1:1:task/prod/ 1234567890", "arn:aws:ecs:us-east-1:1:task/prod/12345678",
        "arn:aws:ecs:us-east-1:1:task/prod/1234567", "arn:aws:ecs:us-east-1:1:task/prod/",
        "arn:aws:ecs:us-east-1:1:task/prod/1234\u001b[31m5678", "arn:aws:ecs:us-east-1:1:task/prod/caf\u00e9caf\u00e9"));
    for (Hostile.Sample s : Hostile.SAMPLES) {
      arns.add("arn:aws:ecs:us-east-1:1:task/prod/" + s.text());
    }
    for (String arn : arns) {
      assertThat(VerdictText.shortTaskId(arn)).as(arn).isEqualTo(StoppedTaskText.shortId(Arns.lastSegment(arn)));
    }
  }

  private static List<StoppedTask> tasks() {
    List<StoppedTask> tasks = new ArrayList<>();
    String[] clusters = {"arn:aws:ecs:us-east-1:1:cluster/prod", "arn:aws:ecs:us-east-1:1:cluster/stg", null,
        "arn:aws:ecs:us-east-1:1:cluster/evil\u001b[2J"};
    String[] groups = {"service:web", "service:api", "family:migrate", null, "service:\u0007bell"};
    for (String cluster : clusters) {
      for (String group : groups) {
        tasks.add(StoppedTask.builder().cluster(cluster).group(group).taskArn("arn:aws:ecs:us-east-1:1:task/x/1")
            .lastStatus("STOPPED").build());
      }
    }
    return tasks;
  }
}
