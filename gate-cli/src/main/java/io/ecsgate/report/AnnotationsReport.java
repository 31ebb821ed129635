package io.ecsgate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.ServiceResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console links of a report as GitLab's annotations report ({@code artifacts:reports:annotations},
 * GitLab 16.3+), shown on the job's page: one section per service, named {@code cluster/service},
 * holding {@code external_link} annotations ({@code label}, {@code url}) to the service's page, and
 * for a failure to the newest failed task and its log stream (docs.gitlab.com
 * ci/yaml/artifacts_reports, "artifacts:reports:annotations").
 *
 * <pre>
 * {
 *   "prod/web" : [
 *     { "external_link" : { "label" : "ECS service prod/web", "url" : "https://eu-west-1.console.aws.amazon.com/ecs/v2/..." } },
 *     { "external_link" : { "label" : "stopped task 0123abcd (APP_EXIT)", "url" : "https://..." } },
 *     { "external_link" : { "label" : "log stream of task 0123abcd", "url" : "https://..." } }
 *   ]
 * }
 * </pre>
 *
 * A service without any link (not gated, or no region) has no section; with none at all the file
 * is {@code {}}, which GitLab accepts. Labels are one line of safe text; only https links are written.
 */
public final class AnnotationsReport {
  private static final JsonFactory JSON = new JsonFactory();

  private AnnotationsReport() {}

  /** One link: what the job page shows, and where it goes. */
  public record Link(String label, String url) {}

  /** The sections in report order, each with its links. */
  public static Map<String, List<Link>> sections(FailureReport report) {
    Map<String, List<Link>> sections = new LinkedHashMap<>();
    for (ServiceResult s : report.services()) {
      String name = SafeText.oneLine(Arns.clusterName(s.cluster()) + "/" + s.service(), 200);
      List<Link> links = new ArrayList<>();
      add(links, "ECS service " + name, ReportFacts.serviceConsoleUrl(report, s));
      List<ReportFacts.Reason> reasons = ReportFacts.topReasons(s.diagnosis(), 1);
      if (!s.outcome().passed() && !reasons.isEmpty()) {
        DiagnosedTask newest = reasons.get(0).newest();
        String task = shortId(newest.task().taskId());
        add(links, "stopped task " + task + " (" + reasons.get(0).category().name() + ")", newest.taskConsoleUrl());
        add(links, "log stream of task " + task, newest.logConsoleUrl());
      }
      if (!links.isEmpty()) {
        sections.computeIfAbsent(name, k -> new ArrayList<>()).addAll(links);
      }
    }
    return sections;
  }

  /** Writes the JSON document, followed by a newline; leaves {@code out} open. */
  public static void write(Writer out, FailureReport report) {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      for (Map.Entry<String, List<Link>> section : sections(report).entrySet()) {
        g.writeArrayFieldStart(section.getKey());
        for (Link link : section.getValue()) {
          g.writeStartObject();
          g.writeObjectFieldStart("external_link");
          g.writeStringField("label", link.label());
          g.writeStringField("url", link.url());
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(List<Link> links, String label, String url) {
    // Console links are built from names the ECS API returned; a link that is not https is not ours.
    if (url != null && url.startsWith("https://")) {
      links.add(new Link(SafeText.oneLine(label, 200), url));
    }
  }

  /** The first 8 characters of a task id, as the text report shows it. */
  private static String shortId(String taskId) {
    String id = taskId == null ? "" : taskId;
    return SafeText.oneLine(id.length() > 8 ? id.substring(0, 8) : id, 8);
  }
}
