package io.ecsgate.report;

import static io.ecsgate.report.Fixtures.ESC;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Hostile;
import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.classifier.report.ServiceResult;
import io.ecsgate.diagnosis.Diagnoser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ReportTextTest {
  private static final long END = Fixtures.START.plusMillis(184_250).getEpochSecond();
  private static final Pattern SECTION_START = Pattern.compile(
      "^\u001b\\[0Ksection_start:" + END + ":(ecs_gate_" + END + "_\\d+_[a-z0-9_]+)\\[collapsed=true]\r\u001b\\[0K  (.+)$");
  private static final Pattern SECTION_END = Pattern.compile(
      "^\u001b\\[0Ksection_end:" + END + ":(ecs_gate_" + END + "_\\d+_[a-z0-9_]+)\r\u001b\\[0K$");

  @Test
  void plainTextShowsTheHeadlineThenTheDetailsWithoutEscapeCodes() {
    String text = new ReportText(false).render(Fixtures.failedAndStable());

    assertThat(text).startsWith("ecs-gate deploy  region eu-west-1  started 2026-03-02T09:00:00Z  took 184.250 s\n\n")
        .contains("""
            FAILED     prod/web: 2 tasks of deployment ecs-svc/1234567890123456789 failed: APP_EXIT
              deployment ecs-svc/1234567890123456789  task definition web:2 (was web:1)  running 0/2  pending 1  failed tasks 2  rollout IN_PROGRESS  circuit breaker 2/3
              categories: APP_EXIT 2, DEPLOYMENT_OR_SCALING 1
              2x APP_EXIT exit 1 (app): Container app exited with code 1 (application error)
              hint: Read the container's last log lines:""")
        .contains("  service: https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/events?region=eu-west-1\n")
        .contains("  logs:    https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/"
            + "log-group/$252Fecs$252Fweb/log-events/ecs$252Fapp$252Faaaaaaaa11112222\n")
        .contains("""
              stopped tasks (3, newest first):
                ALERT  APP_EXIT               task aaaaaaaa  stopped 2026-03-02T09:01:30Z  exit 1  web:2
                       Container app exited with code 1 (application error)
                       https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/tasks/aaaaaaaa11112222/configuration?region=eu-west-1
            """)
        .contains("    ok     DEPLOYMENT_OR_SCALING  task cccccccc  stopped 2026-03-02T09:00:30Z  exit 0  web:2\n")
        .contains("""
              last log lines of app, task aaaaaaaa (APP_EXIT):
                | Starting ShopApplication
                | Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder 'PAYMENT_API_URL'
              service events (1, newest first):
                2026-03-02T09:01:35Z  (service web) is unable to consistently start tasks successfully.
            """)
        .contains("""
            STABLE     prod/api: deployment ecs-svc/99 completed: 2/2 running
              deployment ecs-svc/99  task definition api:7 (was api:6)  running 2/2  pending 0  failed tasks 0  rollout COMPLETED
              service: https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/api/events?region=eu-west-1
            """)
        .endsWith("\nresult: FAILED (exit 1): 1 failed, 1 stable\n")
        .doesNotContain(ESC, "\r");
  }

  @Test
  void underGitLabTheDetailsAreCollapsedSectionsAndTheHeadlineIsNot() {
    String text = new ReportText(true).render(Fixtures.failedAndStable());
    List<String> lines = Arrays.asList(text.split("\n"));

    List<String> started = new ArrayList<>();
    List<String> ended = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    for (String line : lines) {
      Matcher start = SECTION_START.matcher(line);
      Matcher end = SECTION_END.matcher(line);
      if (start.matches()) {
        assertThat(started.size()).as("sections do not nest").isEqualTo(ended.size());
        started.add(start.group(1));
        headers.add(start.group(2));
      } else if (end.matches()) {
        ended.add(end.group(1));
      } else {
        assertThat(line).as("only section markers carry escape codes").doesNotContain(ESC, "\r");
      }
    }
    assertThat(started).containsExactly("ecs_gate_" + END + "_0_tasks", "ecs_gate_" + END + "_0_logs_0",
        "ecs_gate_" + END + "_0_events");
    assertThat(ended).isEqualTo(started);
    assertThat(headers).containsExactly("stopped tasks (3, newest first)", "last log lines of app, task aaaaaaaa (APP_EXIT)",
        "service events (1, newest first)");
    int firstSection = lines.indexOf(lines.stream().filter(l -> l.startsWith(ESC)).findFirst().orElseThrow());
    assertThat(lines.subList(0, firstSection)).anySatisfy(l -> assertThat(l).startsWith("  2x APP_EXIT exit 1 (app)"))
        .anySatisfy(l -> assertThat(l).startsWith("  hint: "))
        .anySatisfy(l -> assertThat(l).startsWith("  logs:    https://"));
    assertThat(text).contains("\n    | Caused by: java.lang.IllegalArgumentException");
  }

  @Test
  void hostileTextCannotInjectEscapeSequencesLinesOrSections() {
    for (boolean gitlab : new boolean[] {false, true}) {
      String text = new ReportText(gitlab).render(Fixtures.hostile());

      List<String> lines = Arrays.asList(text.split("\n"));
      assertThat(lines).filteredOn(l -> l.contains("RED"))
          .as("every untrusted value stays on its own line, without escape codes")
          .hasSizeGreaterThanOrEqualTo(5)
          .allSatisfy(l -> assertThat(l).doesNotContain(ESC, "\r", "\u202e", "\u0007").contains("second line"));
      assertThat(lines).filteredOn(l -> l.startsWith("second line")).isEmpty();
      assertThat(lines).filteredOn(l -> l.contains(ESC))
          .allSatisfy(l -> assertThat(SECTION_START.matcher(l).matches() || SECTION_END.matcher(l).matches()).isTrue())
          .hasSize(gitlab ? 6 : 0);
      assertThat(text).contains("FAILED     prod/web: verdict boomRED second line section_end :1:ecs_gate txt.exe");
    }
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.ecsgate.classifier.Hostile#SAMPLES")
  void eachHostileSampleIsNeutralInTheReport(Hostile.Sample sample) {
    for (boolean gitlab : new boolean[] {false, true}) {
      String text = new ReportText(gitlab).render(Fixtures.hostile(sample.text()));

      List<String> lines = Arrays.asList(text.split("\n"));
      assertThat(lines).filteredOn(l -> !SECTION_START.matcher(l).matches() && !SECTION_END.matcher(l).matches())
          .allSatisfy(Hostile::assertNeutral);
      assertThat(lines).filteredOn(l -> l.contains(ESC)).hasSize(gitlab ? 6 : 0);
      assertThat(lines).filteredOn(l -> l.contains(sample.visible())).as("reasons, log line, event, verdict")
          .hasSizeGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void aLongListOfTasksIsCutButCounted() {
    List<DiagnosedTask> tasks = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      tasks.add(Fixtures.diagnosed(Fixtures.crashed(String.format("%016x", i), Fixtures.START.plusSeconds(100 - i)), List.of(), null));
    }
    ServiceDiagnosis d = new ServiceDiagnosis(tasks, Diagnoser.countByCategory(tasks.stream().map(DiagnosedTask::verdict).toList()),
        List.of(), null);

    String text = new ReportText(false).render(Fixtures.report(Fixtures.failed(d, "25 tasks failed")));

    assertThat(text).contains("stopped tasks (25, newest first):", "categories: APP_EXIT 25",
        "    ... and 5 more (--output json lists them all)\n")
        .doesNotContain("service events");
    assertThat(text.split("ALERT  APP_EXIT", -1)).hasSize(21);
  }

  @Test
  void servicesWithoutADiagnosisAreAHeadlineAndTheirState() {
    FailureReport report = Fixtures.report(Fixtures.timedOut("slow"), Fixtures.notGated("gone", "service not found (MISSING)"));

    String text = new ReportText(false).render(report);

    assertThat(text).contains("""
        TIMED_OUT  prod/slow: not stable after 10m: 1/2 running
          deployment ecs-svc/98  task definition slow:3  running 1/2  pending 1  failed tasks 0  rollout IN_PROGRESS
          service: https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/slow/events?region=eu-west-1

        NOT_GATED  prod/gone: service not found (MISSING)

        result: NOT_GATED (exit 3): 1 timed out, 1 not gated
        """);
  }

  @Test
  void aLogNoteIsShownWhereTheLinesWouldBe() {
    ServiceDiagnosis d = Fixtures.crashLoop(Fixtures.task("dddddddd77778888", Fixtures.START, "TaskFailedToStart",
        "CannotPullContainerError: pull image manifest has been retried 5 time(s): not found",
        new ContainerExit("app", null, null, "STOPPED", true, "app:missing")), List.of());
    List<DiagnosedTask> tasks = new ArrayList<>(d.tasks());
    tasks.set(0, Fixtures.diagnosed(tasks.get(0).task(), List.of(), "container app never started: no log output"));
    ServiceResult r = Fixtures.failed(new ServiceDiagnosis(tasks, d.byCategory(), d.events(), d.serviceConsoleUrl()), "failed");

    String text = new ReportText(false).render(Fixtures.report(r));

    assertThat(text).contains("""
          last log lines of app, task dddddddd (IMAGE_PULL):
            (container app never started: no log output)
        """);
  }

  @Test
  void aContainerReasonOfEcssFull1024CharactersIsPrintedWholeInTheTaskDetails() {
    String text = new ReportText(false).render(Fixtures.longReason());

    assertThat(text.lines().filter(l -> l.contains(io.ecsgate.classifier.LongReason.END)))
        .containsExactly("           reason: " + io.ecsgate.classifier.LongReason.TEXT);
  }
}
