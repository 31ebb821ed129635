package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignalParserTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final SignalParser parser = new SignalParser(mapper);

  private SignalParser.Parsed parse(String json) throws Exception {
    return parser.parse(mapper.readTree(json));
  }

  @Test
  void taskStateChangeEventKeepsTheEnvelope() throws Exception {
    SignalParser.Parsed p = parse("""
        {"id":"e1","detail-type":"ECS Task State Change","time":"2024-01-02T03:04:05Z","region":"eu-west-1",
         "account":"123456789012","detail":{"clusterArn":"arn:aws:ecs:eu-west-1:123456789012:cluster/c",
         "lastStatus":"STOPPED","desiredStatus":"STOPPED","stopCode":"EssentialContainerExited",
         "stoppedAt":"2024-01-02T03:04:05.123Z","containers":[{"name":"app","exitCode":1}]}}""");

    assertThat(p.signals()).hasSize(1);
    SourcedSignal s = p.signals().get(0);
    assertThat(s.eventId()).isEqualTo("e1");
    assertThat(s.region()).isEqualTo("eu-west-1");
    StoppedTask t = (StoppedTask) s.signal();
    assertThat(t.containers().get(0).exitCode()).isEqualTo(1);
    assertThat(t.stoppedAt()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123Z"));
  }

  @Test
  void describeTasksOutputFromTheAwscliAndRawApiTimestampsBothParse() throws Exception {
    SignalParser.Parsed p = parse("""
        {"tasks":[
          {"taskArn":"arn:aws:ecs:us-east-1:1:task/c/a","lastStatus":"STOPPED","stoppedAt":"2020-12-09T14:43:57.541000-08:00"},
          {"taskArn":"arn:aws:ecs:us-east-1:1:task/c/b","lastStatus":"STOPPED","stoppedAt":1607553837.541},
          {"taskArn":"arn:aws:ecs:us-east-1:1:task/c/c","lastStatus":"RUNNING","desiredStatus":"RUNNING"}],
         "failures":[]}""");

    assertThat(p.signals()).hasSize(2);
    assertThat(((StoppedTask) p.signals().get(0).signal()).stoppedAt())
        .isEqualTo(Instant.parse("2020-12-09T22:43:57.541Z"));
    assertThat(((StoppedTask) p.signals().get(1).signal()).stoppedAt())
        .isEqualTo(Instant.parse("2020-12-09T22:43:57.541Z"));
    assertThat(p.signals().get(1).path()).isEqualTo("tasks[1]");
    assertThat(p.signals().get(1).region()).isEqualTo("us-east-1");
  }

  @Test
  void serviceActionAndDeploymentEventsTakeTheServiceFromResources() throws Exception {
    SignalParser.Parsed action = parse("""
        {"detail-type":"ECS Service Action","resources":["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],
         "detail":{"eventType":"WARN","eventName":"SERVICE_TASK_PLACEMENT_FAILURE",
         "clusterArn":"arn:aws:ecs:us-west-2:111122223333:cluster/default","reason":"RESOURCE:MEMORY"}}""");
    SignalParser.Parsed deployment = parse("""
        {"detail-type":"ECS Deployment State Change","resources":["arn:aws:ecs:us-west-2:111122223333:service/default/servicetest"],
         "detail":{"eventType":"ERROR","eventName":"SERVICE_DEPLOYMENT_FAILED","deploymentId":"ecs-svc/123",
         "reason":"ECS deployment circuit breaker: task failed to start."}}""");

    ServiceAction a = (ServiceAction) action.signals().get(0).signal();
    DeploymentEvent d = (DeploymentEvent) deployment.signals().get(0).signal();
    assertThat(a.service()).isEqualTo("servicetest");
    assertThat(d.service()).isEqualTo("servicetest");
    assertThat(d.cluster()).isEqualTo("default");
  }

  @Test
  void logsExportMessagesAreUnwrapped() throws Exception {
    String event = mapper.writeValueAsString(mapper.readTree("""
        {"id":"x","detail-type":"ECS Task State Change","detail":{"lastStatus":"STOPPED","stopCode":"UserInitiated"}}"""));
    SignalParser.Parsed p = parse("{\"events\":[{\"timestamp\":1,\"message\":" + mapper.writeValueAsString(event) + "}]}");

    assertThat(p.signals()).hasSize(1);
    assertThat(p.signals().get(0).eventId()).isEqualTo("x");
  }

  @Test
  void notAStopIsSkippedWithAReason() throws Exception {
    SignalParser.Parsed p = parse("""
        {"detail-type":"ECS Task State Change","detail":{"lastStatus":"RUNNING","desiredStatus":"RUNNING"}}""");

    assertThat(p.signals()).isEmpty();
    assertThat(p.skippedBecause()).contains("RUNNING");
  }

  @Test
  void otherDetailTypesAreSkipped() throws Exception {
    assertThat(parse("{\"detail-type\":\"ECS Container Instance State Change\",\"detail\":{}}").skippedBecause())
        .contains("is not classified");
  }

  @Test
  void wrongTypesAreErrorsThatNameTheField() {
    assertThatThrownBy(() -> parse("""
        {"detail-type":"ECS Task State Change","detail":{"lastStatus":"STOPPED","containers":[{"name":"a","exitCode":"137"}]}}"""))
        .isInstanceOf(MalformedSignalException.class)
        .hasMessage("detail.containers[0].exitCode: expected a whole number, got text \"137\"");
    assertThatThrownBy(() -> parse("""
        {"detail-type":"ECS Task State Change","detail":{"lastStatus":"STOPPED","stoppedAt":"yesterday"}}"""))
        .hasMessageContaining("detail.stoppedAt: expected an ISO-8601 timestamp");
    assertThatThrownBy(() -> parse("{\"tasks\":{\"not\":\"a list\"}}"))
        .hasMessage("tasks: expected a list, got an object");
  }

  /** Numbers no clock can hold, and dates ECS never writes, are one malformed item, not a crash. */
  @ParameterizedTest(name = "stoppedAt: {0}")
  @ValueSource(strings = {"1e999", "-1e999", "1e20", "-1e20", "123456789012345678901234567890",
      "-1", "\"+999999999-12-31T23:59:59Z\"", "\"-0001-01-01T00:00:00Z\"", "\"+10000-01-01T00:00:00\""})
  void timestampsOutsideAnyClockAreMalformedAndNameTheField(String value) {
    String json = "{\"detail-type\":\"ECS Task State Change\",\"detail\":{\"lastStatus\":\"STOPPED\",\"stoppedAt\":"
        + value + "}}";

    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(MalformedSignalException.class)
        .hasMessageStartingWith("detail.stoppedAt: expected a timestamp from 1970 to 9999, got ");
  }

  @ParameterizedTest(name = "exitCode: {0}")
  @ValueSource(strings = {"1e20", "1e999", "2147483648", "1.5", "99999999999999999999999"})
  void exitCodesThatAreNoWholeIntAreMalformedAndNameTheField(String value) {
    String json = "{\"detail-type\":\"ECS Task State Change\",\"detail\":{\"lastStatus\":\"STOPPED\","
        + "\"containers\":[{\"name\":\"a\",\"exitCode\":" + value + "}]}}";

    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(MalformedSignalException.class)
        .hasMessageStartingWith("detail.containers[0].exitCode: expected a whole number, got number ");
  }

  @Test
  void theEdgesOfTheAcceptedRangeParse() throws Exception {
    SignalParser.Parsed p = parse("""
        {"tasks":[{"taskArn":"a","lastStatus":"STOPPED","createdAt":0,"stoppedAt":"9999-12-31T23:59:59.999Z"}]}""");

    StoppedTask t = (StoppedTask) p.signals().get(0).signal();
    assertThat(t.createdAt()).isEqualTo(Instant.EPOCH);
    assertThat(t.stoppedAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
  }
}
