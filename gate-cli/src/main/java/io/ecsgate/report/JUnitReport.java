package io.ecsgate.report;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.Outcome;
import io.ecsgate.classifier.report.ServiceResult;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The report as JUnit XML, which GitLab shows as a test report ({@code artifacts:reports:junit}):
 * one test case per service, {@code <testcase classname="ecs-gate.CLUSTER" name="SERVICE">}.
 * FAILED is a {@code <failure>} typed with the category most failed tasks fell into (or
 * {@code FAILED}), TIMED_OUT and CANCELLED a {@code <failure type="TIMED_OUT|CANCELLED">}, NOT_GATED an {@code <error
 * type="NOT_GATED">}; the element's text is the service's plain-text report. The StAX writer
 * escapes markup; {@link SafeText} has already removed what XML 1.0 cannot hold.
 *
 * <pre>{@code
 * <testsuites name="ecs-gate deploy" tests="2" failures="1" errors="0" time="184.250">
 *   <testsuite name="ecs-gate deploy" tests="2" failures="1" errors="0" skipped="0" time="184.250" timestamp="2026-03-02T09:00:00">
 *     <testcase classname="ecs-gate.prod" name="web" time="184.250">
 *       <failure message="3 tasks of deployment ecs-svc/123 failed: APP_EXIT" type="APP_EXIT">FAILED     prod/web: ...</failure>
 *     </testcase>
 *     <testcase classname="ecs-gate.prod" name="api" time="95.020"/>
 *   </testsuite>
 * </testsuites>
 * }</pre>
 */
public final class JUnitReport {
  /** The JUnit schema's timestamp: ISO-8601 without a zone (UTC here). */
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private JUnitReport() {}

  public static void write(Writer out, FailureReport report) {
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      String name = "ecs-gate " + SafeText.oneLine(report.command(), 50);
      long failures = report.services().stream()
          .filter(s -> !s.outcome().passed() && s.outcome() != Outcome.NOT_GATED).count();
      long errors = report.services().stream().filter(s -> s.outcome() == Outcome.NOT_GATED).count();
      String tests = Integer.toString(report.services().size());

      x.writeStartElement("testsuites");
      x.writeAttribute("name", name);
      x.writeAttribute("tests", tests);
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", Long.toString(errors));
      x.writeAttribute("time", ReportFacts.seconds(report.elapsed()));
      x.writeCharacters("\n  ");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", name);
      x.writeAttribute("tests", tests);
      x.writeAttribute("failures", Long.toString(failures));
      x.writeAttribute("errors", Long.toString(errors));
      x.writeAttribute("skipped", "0");
      x.writeAttribute("time", ReportFacts.seconds(report.elapsed()));
      if (report.startedAt() != null) {
        x.writeAttribute("timestamp",
            TIMESTAMP.format(report.startedAt().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
      }
      for (ServiceResult s : report.services()) {
        x.writeCharacters("\n    ");
        testCase(x, s, report.region());
      }
      x.writeCharacters("\n  ");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.flush();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("failed to write the JUnit report: " + e.getMessage(), e);
    }
  }

  private static void testCase(XMLStreamWriter x, ServiceResult s, String region) throws XMLStreamException {
    boolean passed = s.outcome().passed();
    if (passed) {
      x.writeEmptyElement("testcase");
    } else {
      x.writeStartElement("testcase");
    }
    x.writeAttribute("classname", "ecs-gate." + SafeText.oneLine(Arns.clusterName(s.cluster()), 255));
    x.writeAttribute("name", SafeText.oneLine(s.service(), 255));
    x.writeAttribute("time", ReportFacts.seconds(s.elapsed()));
    if (passed) {
      return;
    }
    x.writeCharacters("\n      ");
    x.writeStartElement(s.outcome() == Outcome.NOT_GATED ? "error" : "failure");
    x.writeAttribute("message", SafeText.oneLine(s.verdict()));
    x.writeAttribute("type", type(s));
    x.writeCharacters(ReportText.plainDetails(s, region));
    x.writeEndElement();
    x.writeCharacters("\n    ");
    x.writeEndElement();
  }

  private static String type(ServiceResult s) {
    if (s.outcome() != Outcome.FAILED) {
      return s.outcome().name();
    }
    Category top = ReportFacts.topAlertCategory(s);
    return top == null ? Outcome.FAILED.name() : top.name();
  }
}
