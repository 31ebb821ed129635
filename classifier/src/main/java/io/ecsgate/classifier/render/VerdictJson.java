package io.ecsgate.classifier.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.EcsSignal;
import io.ecsgate.classifier.Evidence;
import io.ecsgate.classifier.LongRunningTask;
import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.io.IOException;

/**
 * Writes one classified signal as a JSON object: the documented schema of {@code ecs-gate classify
 * --output json} (docs/classify.md, "JSON output"). Every key is always present, null when unknown, so
 * consumers such as jq need no existence checks.
 */
public final class VerdictJson {
  private VerdictJson() {}

  public static void write(JsonGenerator g, String source, SourcedSignal sourced, Verdict v) throws IOException {
    EcsSignal s = sourced.signal();
    g.writeStartObject();
    g.writeStringField("source", source);
    g.writeStringField("kind", s.kind());
    g.writeStringField("eventId", sourced.eventId());
    g.writeStringField("time", sourced.eventTime() == null ? null : sourced.eventTime().toString());
    g.writeStringField("region", sourced.region());
    g.writeStringField("cluster", Arns.clusterName(s.cluster()));
    g.writeStringField("service", s.service());
    g.writeStringField("group", s.group());
    g.writeStringField("taskArn", s instanceof StoppedTask t ? t.taskArn() : s instanceof LongRunningTask t ? t.taskArn() : null);
    g.writeStringField("taskDefinition", Arns.taskDefinition(s.taskDefinitionArn()));
    g.writeStringField("eventName", s.eventName());
    writeVerdictFields(g, v);
    g.writeEndObject();
  }

  /**
   * The verdict's fields (alert, category, rule, summary, hint, evidence{...}) into the object being
   * written: shared by classify's output and the gate's report, so the two never drift apart.
   */
  public static void writeVerdictFields(JsonGenerator g, Verdict v) throws IOException {
    g.writeBooleanField("alert", v.alert());
    g.writeStringField("category", v.category().name());
    g.writeStringField("rule", v.rule());
    g.writeStringField("summary", v.summary());
    g.writeStringField("hint", v.hint());
    Evidence e = v.evidence();
    g.writeObjectFieldStart("evidence");
    g.writeStringField("container", e.container());
    if (e.exitCode() == null) {
      g.writeNullField("exitCode");
    } else {
      g.writeNumberField("exitCode", e.exitCode());
    }
    g.writeStringField("containerReason", e.containerReason());
    g.writeStringField("stopCode", e.stopCode());
    g.writeStringField("reason", e.reason());
    g.writeEndObject();
  }
}
