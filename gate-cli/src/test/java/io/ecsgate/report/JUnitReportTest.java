package io.ecsgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.report.FailureReport;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitReportTest {
  private static Document parse(FailureReport report) throws Exception {
    StringWriter out = new StringWriter();
    JUnitReport.write(out, report);
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static Element testCase(Document xml, String name) {
    NodeList cases = xml.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element e = (Element) cases.item(i);
      if (e.getAttribute("name").equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no test case " + name);
  }

  @Test
  void oneTestCasePerServiceWithTheOutcomeAsFailureOrError() throws Exception {
    FailureReport report = Fixtures.report(Fixtures.failedAndStable().services().get(0), Fixtures.stable("api"),
        Fixtures.timedOut("slow"), Fixtures.notGated("gone", "service not found (MISSING)"));

    Document xml = parse(report);

    Element suites = xml.getDocumentElement();
    assertThat(suites.getTagName()).isEqualTo("testsuites");
    assertThat(suites.getAttribute("tests")).isEqualTo("4");
    assertThat(suites.getAttribute("failures")).isEqualTo("2");
    assertThat(suites.getAttribute("errors")).isEqualTo("1");
    Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("name")).isEqualTo("ecs-gate deploy");
    assertThat(suite.getAttribute("time")).isEqualTo("184.250");
    assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-03-02T09:00:00");

    Element web = testCase(xml, "web");
    assertThat(web.getAttribute("classname")).isEqualTo("ecs-gate.prod");
    assertThat(web.getAttribute("time")).isEqualTo("12.500");
    Element failure = (Element) web.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("APP_EXIT");
    assertThat(failure.getAttribute("message")).isEqualTo("2 tasks of deployment ecs-svc/1234567890123456789 failed: APP_EXIT");
    assertThat(failure.getTextContent()).startsWith("FAILED     prod/web: ")
        .contains("categories: APP_EXIT 2", "stopped tasks (3, newest first):", "| Caused by: java.lang.IllegalArgumentException");

    assertThat(testCase(xml, "api").getChildNodes().getLength()).isZero();
    assertThat(((Element) testCase(xml, "slow").getElementsByTagName("failure").item(0)).getAttribute("type"))
        .isEqualTo("TIMED_OUT");
    Element error = (Element) testCase(xml, "gone").getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("type")).isEqualTo("NOT_GATED");
    assertThat(error.getAttribute("message")).isEqualTo("service not found (MISSING)");
  }

  @Test
  void markupIsEscapedAndCharactersXmlCannotHoldAreRemoved() throws Exception {
    Document xml = parse(Fixtures.hostile());

    Element failure = (Element) testCase(xml, "web").getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).startsWith("verdict boomRED second line")
        .contains("<b>&amp;\"quoted\"").doesNotContain(Fixtures.ESC);
    assertThat(failure.getTextContent()).contains("<b>&amp;\"quoted\"").doesNotContain(Fixtures.ESC, "\u0007");
  }

  @Test
  void aContainerReasonOfEcssFull1024CharactersReachesTheFailureWhole() throws Exception {
    Document xml = parse(Fixtures.longReason());

    assertThat(testCase(xml, "web").getElementsByTagName("failure").item(0).getTextContent())
        .contains("reason: " + io.ecsgate.classifier.LongReason.TEXT);
  }
}
