package io.ecsgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The wire itself: AWS JSON 1.1 requests and error bodies, byte for byte where it matters. */
class HttpProtocolIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static EcsSimulator sim;

  @BeforeAll
  static void start() {
    sim = EcsSimulator.start(SimulatorOptions.defaults().clock(ManualClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"))));
    sim.load(Scenarios.named("healthy"), "wire", "web");
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static HttpResponse<String> post(String target, String body, boolean signed) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(sim.endpoint().resolve("/"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    if (signed) {
      request.header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ecs/aws4_request, "
          + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0123456789abcdef");
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersInAwsJson11() throws Exception {
    HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.DescribeServices",
        "{\"cluster\":\"wire\",\"services\":[\"web\"]}", true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(response.body()).contains("\"serviceName\":\"web\"").containsPattern("\"createdAt\":\\d{10}\\.\\d{3}[,}]");
  }

  @Test
  void errorsCarryTheirTypeInBodyAndHeader() throws Exception {
    HttpResponse<String> response = post("AmazonEC2ContainerServiceV20141113.DescribeServices",
        "{\"cluster\":\"nope\",\"services\":[\"web\"]}", true);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"__type\":\"ClusterNotFoundException\",\"message\":\"Cluster not found.\"}");
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ClusterNotFoundException");
  }

  @Test
  void oneEndpointServesEcsAndLogsAndRefusesTheRest() throws Exception {
    assertThat(post("Logs_20140328.GetLogEvents", "{\"logGroupName\":\"/ecs/web\",\"logStreamName\":\"none\"}", true).body())
        .isEqualTo("{\"__type\":\"ResourceNotFoundException\",\"message\":\"The specified log stream does not exist.\"}");
    assertThat(post("DynamoDB_20120810.ListTables", "{}", true).body()).contains("UnknownOperationException");
    assertThat(post("AmazonEC2ContainerServiceV20141113.DescribeServices", "{not json", true).body())
        .contains("SerializationException");
    HttpResponse<String> unsigned = post("AmazonEC2ContainerServiceV20141113.ListTasks", "{\"cluster\":\"wire\"}", false);
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(unsigned.body()).contains("MissingAuthenticationTokenException");
  }

  @Test
  void throttlingAndServerFaultsLookLikeAws() throws Exception {
    sim.faults().throttleEvery(1, "ListTasks").unavailableEvery(1, "DescribeTasks");
    try {
      HttpResponse<String> throttled = post("AmazonEC2ContainerServiceV20141113.ListTasks", "{\"cluster\":\"wire\"}", true);
      assertThat(throttled.statusCode()).isEqualTo(400);
      assertThat(throttled.body()).isEqualTo("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
      HttpResponse<String> unavailable = post("AmazonEC2ContainerServiceV20141113.DescribeTasks",
          "{\"cluster\":\"wire\",\"tasks\":[\"x\"]}", true);
      assertThat(unavailable.statusCode()).isEqualTo(503);
    } finally {
      sim.faults().clear();
    }
  }
}
