package io.ecsgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.report.FailureReport;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented schema (docs/reports.md, "Report JSON"): names, order, types, nulls. */
class ReportJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static String render(FailureReport report) {
    StringWriter out = new StringWriter();
    ReportJson.write(out, report);
    return out.toString();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void everyDocumentedFieldIsPresentInOrder() throws Exception {
    JsonNode json = MAPPER.readTree(render(Fixtures.failedAndStable()));

    assertThat(names(json)).containsExactly("command", "region", "startedAt", "elapsedSeconds", "outcome", "exitCode", "services");
    assertThat(json.get("command").asText()).isEqualTo("deploy");
    assertThat(json.get("startedAt").asText()).isEqualTo("2026-03-02T09:00:00Z");
    assertThat(json.get("elapsedSeconds").decimalValue()).isEqualByComparingTo("184.25");
    assertThat(json.get("outcome").asText()).isEqualTo("FAILED");
    assertThat(json.get("exitCode").asInt()).isEqualTo(1);

    JsonNode web = json.get("services").get(0);
    assertThat(names(web)).containsExactly("cluster", "service", "outcome", "verdict", "deploymentId", "taskDefinition",
        "previousTaskDefinition", "desiredCount", "runningCount", "pendingCount", "failedTasks", "rolloutState",
        "breakerProgress", "elapsedSeconds", "rollbackNote", "diagnosis");
    assertThat(web.get("cluster").asText()).isEqualTo("prod");
    assertThat(web.get("rollbackNote").isNull()).isTrue();
    assertThat(web.get("elapsedSeconds").decimalValue()).isEqualByComparingTo("12.5");

    JsonNode d = web.get("diagnosis");
    assertThat(names(d)).containsExactly("byCategory", "tasks", "events", "serviceConsoleUrl");
    assertThat(names(d.get("byCategory"))).containsExactly("APP_EXIT", "DEPLOYMENT_OR_SCALING");
    assertThat(d.get("byCategory").get("APP_EXIT").asInt()).isEqualTo(2);
    assertThat(names(d.get("events").get(0))).containsExactly("createdAt", "message");

    JsonNode task = d.get("tasks").get(0);
    assertThat(names(task)).containsExactly("taskArn", "taskId", "taskDefinition", "startedBy", "startedAt", "stoppedAt",
        "lastStatus", "alert", "category", "rule", "summary", "hint", "evidence", "logTail", "logNote", "taskConsoleUrl",
        "logConsoleUrl");
    assertThat(names(task.get("evidence"))).containsExactly("container", "exitCode", "containerReason", "stopCode", "reason");
    assertThat(task.get("taskId").asText()).isEqualTo("aaaaaaaa11112222");
    assertThat(task.get("taskDefinition").asText()).isEqualTo("web:2");
    assertThat(task.get("category").asText()).isEqualTo("APP_EXIT");
    assertThat(task.get("evidence").get("exitCode").asInt()).isEqualTo(1);
    assertThat(task.get("logTail")).hasSize(2);
    assertThat(d.get("tasks").get(1).get("logConsoleUrl").isNull()).isTrue();

    assertThat(json.get("services").get(1).get("diagnosis").isNull()).isTrue();
  }

  @Test
  void untrustedTextIsEscapedJson() throws Exception {
    String raw = render(Fixtures.hostile());

    assertThat(raw).doesNotContain(Fixtures.ESC).contains("\\u001B[31mRED");
    JsonNode json = MAPPER.readTree(raw);
    assertThat(json.get("services").get(0).get("verdict").asText()).isEqualTo("verdict " + Fixtures.HOSTILE);
  }

  @org.junit.jupiter.api.Test
  void aContainerReasonOfEcssFull1024CharactersIsInTheJsonWhole() throws Exception {
    JsonNode task = MAPPER.readTree(render(Fixtures.longReason())).at("/services/0/diagnosis/tasks/0");

    assertThat(task.at("/evidence/containerReason").asText()).isEqualTo(io.ecsgate.classifier.LongReason.TEXT);
  }
}
