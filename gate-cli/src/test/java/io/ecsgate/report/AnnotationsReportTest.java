package io.ecsgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.report.FailureReport;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shape GitLab's annotations report takes (docs.gitlab.com ci/yaml/artifacts_reports,
 * "artifacts:reports:annotations"): a JSON object of sections, each an array of annotations, each
 * annotation an object with the one key {@code external_link} holding exactly {@code label} and
 * {@code url}.
 */
class AnnotationsReportTest {
  private static JsonNode render(FailureReport report) throws Exception {
    StringWriter out = new StringWriter();
    AnnotationsReport.write(out, report);
    assertThat(out.toString()).endsWith("}\n");
    JsonNode doc = new ObjectMapper().readTree(out.toString());
    assertGitlabShape(doc);
    return doc;
  }

  /** Every rule of the documented format; fails on the first part that breaks one. */
  static void assertGitlabShape(JsonNode doc) {
    assertThat(doc.isObject()).as("the report is an object of sections").isTrue();
    doc.fields().forEachRemaining(section -> {
      assertThat(section.getValue().isArray()).as("section %s is an array", section.getKey()).isTrue();
      for (JsonNode annotation : section.getValue()) {
        assertThat(names(annotation)).as("an annotation is one key, its type").containsExactly("external_link");
        JsonNode link = annotation.get("external_link");
        assertThat(names(link)).containsExactlyInAnyOrder("label", "url");
        assertThat(link.get("label").isTextual() && link.get("url").isTextual()).isTrue();
        assertThat(link.get("url").asText()).startsWith("https://");
        assertThat(link.get("label").asText()).isNotBlank().doesNotContain("\n", Fixtures.ESC);
      }
    });
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void aFailedServiceLinksItsPageItsNewestFailedTaskAndThatTasksLogs() throws Exception {
    JsonNode doc = render(Fixtures.failedAndStable());

    assertThat(names(doc)).containsExactly("prod/web", "prod/api");
    JsonNode web = doc.get("prod/web");
    assertThat(web).hasSize(3);
    assertThat(web.get(0).at("/external_link/label").asText()).isEqualTo("ECS service prod/web");
    assertThat(web.get(0).at("/external_link/url").asText())
        .isEqualTo("https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/events?region=eu-west-1");
    assertThat(web.get(1).at("/external_link/label").asText()).isEqualTo("stopped task aaaaaaaa (APP_EXIT)");
    assertThat(web.get(1).at("/external_link/url").asText()).contains("/ecs/v2/clusters/prod/tasks/aaaaaaaa11112222/");
    assertThat(web.get(2).at("/external_link/label").asText()).isEqualTo("log stream of task aaaaaaaa");
    assertThat(web.get(2).at("/external_link/url").asText()).contains("#logsV2:log-groups/log-group/");
  }

  @Test
  void aStableServiceLinksOnlyItsPage() throws Exception {
    JsonNode api = render(Fixtures.failedAndStable()).get("prod/api");

    assertThat(api).hasSize(1);
    assertThat(api.get(0).at("/external_link/url").asText()).endsWith("/clusters/prod/services/api/events?region=eu-west-1");
  }

  @Test
  void aServiceThatWasNotGatedHasNoSectionAndNoLinksIsAnEmptyObject() throws Exception {
    JsonNode doc = render(Fixtures.report(Fixtures.notGated("gone", "service not found (MISSING)")));

    assertThat(doc.isObject()).isTrue();
    assertThat(doc.size()).isZero();
  }

  @Test
  void hostileTextStaysOutOfTheLabels() throws Exception {
    JsonNode doc = render(Fixtures.hostile());

    assertThat(names(doc)).containsExactly("prod/web");
    Map<String, List<AnnotationsReport.Link>> sections = AnnotationsReport.sections(Fixtures.hostile());
    assertThat(sections.get("prod/web")).extracting(AnnotationsReport.Link::label)
        .allSatisfy(label -> assertThat(label).doesNotContain(Fixtures.ESC, "\n", "\r"));
  }
}
