package io.ecsgate.classifier.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.EcsSignal;
import io.ecsgate.classifier.Evidence;
import io.ecsgate.classifier.Hostile;
import io.ecsgate.classifier.LongReason;
import io.ecsgate.classifier.ServiceEvent;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What {@code ecs-gate classify} prints for a signal: every untrusted part is one safe line. */
class VerdictTextTest {
  private static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";

  private static String write(String source, EcsSignal signal, Verdict v) {
    StringWriter s = new StringWriter();
    PrintWriter out = new PrintWriter(s);
    VerdictText.write(out, source, signal, v);
    out.flush();
    return s.toString();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.ecsgate.classifier.Hostile#SAMPLES")
  void aHostileReasonNameOrRuleIsPrintedNeutralised(Hostile.Sample sample) {
    String h = sample.text();
    StoppedTask task = StoppedTask.builder()
        .taskArn(ARN + "task/prod/" + h).cluster(ARN + "cluster/" + h).group("service:" + h)
        .lastStatus("STOPPED").stopCode("EssentialContainerExited").stoppedReason(h)
        .container(new ContainerExit("app" + h, 1, h, "STOPPED", true, "app:1"))
        .stoppedAt(Instant.parse("2026-03-02T09:01:02Z")).build();
    Verdict v = StopClassifier.withDefaults().classify(task);
    Verdict hostile = new Verdict(true, Category.APP_EXIT, "summary " + h, "hint " + h,
        new Evidence("app", 1, h, null, h), "rule " + h);

    String text = write("events" + h + ".jsonl:1", task, v) + write(null, task, hostile)
        + write(null, new ServiceEvent(h, h, "e-1", h, Instant.EPOCH), hostile);

    assertThat(text.lines()).hasSize(12).allSatisfy(Hostile::assertNeutral);
    assertThat(text).contains(sample.visible());
  }

  @Test
  void aReasonOfEcssFull1024CharactersIsPrintedWholeAfterTheShortSummary() throws Exception {
    StoppedTask task = StoppedTask.builder()
        .taskArn(ARN + "task/prod/0123456789abcdef").cluster(ARN + "cluster/prod").group("service:web")
        .lastStatus("STOPPED").stopCode("TaskFailedToStart").stoppedReason("Task failed to start")
        .container(new ContainerExit("app", null, LongReason.TEXT, "STOPPED", true, "app:1")).build();
    Verdict v = StopClassifier.withDefaults().classify(task);

    String text = write("events.jsonl:1", task, v);
    StringWriter json = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().createGenerator(json)) {
      g.writeStartObject();
      VerdictJson.writeVerdictFields(g, v);
      g.writeEndObject();
    }

    assertThat(LongReason.TEXT).hasSize(1024);
    assertThat(v.category()).isEqualTo(Category.IMAGE_PULL);
    assertThat(text.lines().filter(l -> l.contains(LongReason.END)))
        .containsExactly("       reason: " + LongReason.TEXT);
    assertThat(new ObjectMapper().readTree(json.toString()).at("/evidence/containerReason").asText())
        .isEqualTo(LongReason.TEXT);
  }
}
