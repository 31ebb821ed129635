package io.ecsgate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.render.VerdictJson;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceEventLine;
import io.ecsgate.classifier.report.ServiceResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The report as one JSON document: the schema documented in docs/reports.md ("Report JSON"). Every key
 * is always present, null when unknown; the verdict fields of a task carry the same names as
 * {@code ecs-gate classify --output json}. Jackson escapes control characters, so untrusted text
 * is written as ECS gave it (log lines are already one line each).
 */
public final class ReportJson {
  private static final JsonFactory JSON = new JsonFactory();

  private ReportJson() {}

  /** Writes the document, pretty-printed, followed by a newline; leaves {@code out} open. */
  public static void write(Writer out, FailureReport report) {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      report(g, report);
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void report(JsonGenerator g, FailureReport r) throws IOException {
    g.writeStartObject();
    g.writeStringField("command", r.command());
    g.writeStringField("region", r.region());
    g.writeStringField("startedAt", time(r.startedAt()));
    seconds(g, "elapsedSeconds", r.elapsed());
    g.writeStringField("outcome", r.outcome().name());
    g.writeNumberField("exitCode", ExitCode.of(r.outcome()).code());
    g.writeArrayFieldStart("services");
    for (ServiceResult s : r.services()) {
      service(g, s);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void service(JsonGenerator g, ServiceResult s) throws IOException {
    g.writeStartObject();
    g.writeStringField("cluster", Arns.clusterName(s.cluster()));
    g.writeStringField("service", s.service());
    g.writeStringField("outcome", s.outcome().name());
    g.writeStringField("verdict", s.verdict());
    g.writeStringField("deploymentId", s.deploymentId());
    g.writeStringField("taskDefinition", s.taskDefinition());
    g.writeStringField("previousTaskDefinition", s.previousTaskDefinition());
    g.writeNumberField("desiredCount", s.desiredCount());
    g.writeNumberField("runningCount", s.runningCount());
    g.writeNumberField("pendingCount", s.pendingCount());
    g.writeNumberField("failedTasks", s.failedTasks());
    g.writeStringField("rolloutState", s.rolloutState());
    g.writeStringField("breakerProgress", s.breakerProgress());
    seconds(g, "elapsedSeconds", s.elapsed());
    g.writeStringField("rollbackNote", s.rollbackNote());
    g.writeFieldName("diagnosis");
    if (s.diagnosis() == null) {
      g.writeNull();
    } else {
      diagnosis(g, s.diagnosis());
    }
    g.writeEndObject();
  }

  private static void diagnosis(JsonGenerator g, ServiceDiagnosis d) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("byCategory");
    for (Map.Entry<Category, Integer> e : d.byCategory().entrySet()) {
      g.writeNumberField(e.getKey().name(), e.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("tasks");
    for (DiagnosedTask t : d.tasks()) {
      task(g, t);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("events");
    for (ServiceEventLine e : d.events()) {
      g.writeStartObject();
      g.writeStringField("createdAt", time(e.createdAt()));
      g.writeStringField("message", e.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("serviceConsoleUrl", d.serviceConsoleUrl());
    g.writeEndObject();
  }

  private static void task(JsonGenerator g, DiagnosedTask t) throws IOException {
    StoppedTask task = t.task();
    Verdict v = t.verdict();
    g.writeStartObject();
    g.writeStringField("taskArn", task.taskArn());
    g.writeStringField("taskId", task.taskId());
    g.writeStringField("taskDefinition", Arns.taskDefinition(task.taskDefinitionArn()));
    g.writeStringField("startedBy", task.startedBy());
    g.writeStringField("startedAt", time(task.startedAt()));
    g.writeStringField("stoppedAt", time(task.stoppedAt()));
    g.writeStringField("lastStatus", task.lastStatus());
    VerdictJson.writeVerdictFields(g, v);
    g.writeArrayFieldStart("logTail");
    for (String line : t.logTail()) {
      g.writeString(line);
    }
    g.writeEndArray();
    g.writeStringField("logNote", t.logNote());
    g.writeStringField("taskConsoleUrl", t.taskConsoleUrl());
    g.writeStringField("logConsoleUrl", t.logConsoleUrl());
    g.writeEndObject();
  }

  private static void seconds(JsonGenerator g, String field, Duration d) throws IOException {
    if (d == null) {
      g.writeNullField(field);
    } else {
      g.writeNumberField(field, BigDecimal.valueOf(d.toMillis(), 3));
    }
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
