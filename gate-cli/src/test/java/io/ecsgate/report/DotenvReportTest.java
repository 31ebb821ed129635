package io.ecsgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.report.FailureReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines GitLab's dotenv report accepts: KEY=value, one per line, keys [A-Za-z0-9_], under 5 KB. */
class DotenvReportTest {
  private static final String VALID_LINE = "[A-Za-z0-9_]+=(|\\S|\\S.*\\S)";

  private static String render(FailureReport report) {
    StringWriter out = new StringWriter();
    DotenvReport.write(new PrintWriter(out), report);
    return out.toString();
  }

  private static List<String> lines(String dotenv) {
    assertThat(dotenv).endsWith("\n").doesNotContain("\r", "\n\n");
    return List.of(dotenv.split("\n"));
  }

  @Test
  void aFailedRunNamesItsResultCategoryAndServices() {
    String dotenv = render(Fixtures.report(Fixtures.failedAndStable().services().get(0), Fixtures.stable("api"),
        Fixtures.notGated("gone", "service not found (MISSING)")));

    assertThat(lines(dotenv)).allSatisfy(l -> assertThat(l).matches(VALID_LINE)).containsExactly(
        "ECS_GATE_RESULT=not_gated",
        "ECS_GATE_EXIT_CODE=3",
        "ECS_GATE_CATEGORY=APP_EXIT",
        "ECS_GATE_SERVICES=web,api,gone",
        "ECS_GATE_FAILED_SERVICES=web,gone",
        "ECS_GATE_DEPLOYMENT_ID=ecs-svc/1234567890123456789",
        "ECS_GATE_SUMMARY=FAILED prod/web: 2 tasks of deployment ecs-svc/1234567890123456789 failed: APP_EXIT;"
            + " STABLE prod/api: deployment ecs-svc/99 completed: 2/2 running; NOT_GATED prod/gone: service not found (MISSING)");
  }

  @Test
  void aStableRunHasAnEmptyCategory() {
    assertThat(lines(render(Fixtures.report(Fixtures.stable("api"))))).contains("ECS_GATE_RESULT=stable",
        "ECS_GATE_EXIT_CODE=0", "ECS_GATE_CATEGORY=", "ECS_GATE_FAILED_SERVICES=", "ECS_GATE_DEPLOYMENT_ID=ecs-svc/99");
  }

  @Test
  void untrustedAndLongTextStaysOneLineUnderTheLimits() {
    String longVerdict = "über ".repeat(400) + "\n" + Fixtures.HOSTILE;
    FailureReport report = Fixtures.report(Fixtures.failed(null, longVerdict), Fixtures.failed(null, Fixtures.HOSTILE));

    String dotenv = render(report);

    assertThat(lines(dotenv)).hasSize(7).allSatisfy(l -> assertThat(l).matches(VALID_LINE).doesNotContain(Fixtures.ESC));
    String summary = lines(dotenv).get(6).substring("ECS_GATE_SUMMARY=".length());
    assertThat(summary.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1000);
    assertThat(summary).startsWith("FAILED prod/web: über über").endsWith("…");
    assertThat(dotenv.getBytes(StandardCharsets.UTF_8).length).isLessThan(5 * 1024);
    assertThat(lines(render(Fixtures.hostile())).get(6)).contains("boomRED second line").doesNotContain(Fixtures.ESC);
  }

  @Test
  void manyServicesStillFitTheFile() {
    List<io.ecsgate.classifier.report.ServiceResult> services = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      services.add(Fixtures.notGated("a-rather-long-service-name-number-" + i, "service not found (MISSING)"));
    }

    String dotenv = render(Fixtures.report(services.toArray(io.ecsgate.classifier.report.ServiceResult[]::new)));

    assertThat(lines(dotenv)).hasSize(7).allSatisfy(l -> assertThat(l).matches(VALID_LINE));
    assertThat(dotenv.getBytes(StandardCharsets.UTF_8).length).isLessThan(5 * 1024);
    assertThat(lines(dotenv).get(3)).startsWith("ECS_GATE_SERVICES=a-rather-long-service-name-number-0,").endsWith("…");
  }

  @Test
  void cuttingNeverSplitsACharacter() {
    assertThat(DotenvReport.cutToBytes("ab😀cd", 7)).isEqualTo("ab…");
    assertThat(DotenvReport.cutToBytes("ab😀cdef", 9)).isEqualTo("ab😀…");
    assertThat(DotenvReport.cutToBytes("short", 9)).isEqualTo("short");
  }
}
