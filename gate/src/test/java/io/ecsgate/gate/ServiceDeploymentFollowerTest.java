package io.ecsgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ecsgate.classifier.deployment.FollowedDeployment;
import io.ecsgate.diagnosis.AwsSettings;
import io.ecsgate.diagnosis.EcsClients;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Following our ServiceDeployment over the real SDK and HTTP, against a stub that answers what it is given. */
class ServiceDeploymentFollowerTest {
  private final List<String> calls = new ArrayList<>();
  private HttpServer server;
  private EcsClients clients;

  private ServiceDeploymentFollower against(Map<String, String> answers) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String op = exchange.getRequestHeaders().getFirst("X-Amz-Target").replaceFirst(".*\\.", "");
      calls.add(op);
      String body = answers.get(op);
      int status = body == null ? 400 : 200;
      byte[] bytes = (body == null ? "{\"__type\":\"UnknownOperationException\"}" : body).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    clients = EcsClients.from(new AwsSettings("us-east-1", null,
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))));
    return new ServiceDeploymentFollower(clients.ecs());
  }

  @AfterEach
  void stop() {
    if (clients != null) {
      clients.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  private static final String OURS = "arn:aws:ecs:us-east-1:1:service-deployment/prod/web/ours";
  private static final String OTHER = "arn:aws:ecs:us-east-1:1:service-deployment/prod/web/other";
  private final Watched watched = new Watched("prod", "web", "ecs-svc/1", "arn:aws:ecs:us-east-1:1:task-definition/web:2",
      "web:1", Instant.parse("2026-06-01T10:00:00Z"));

  @Test
  void aCandidateRunningAnotherTaskDefinitionIsNotOursAndOursIsReadWhole() throws Exception {
    ServiceDeploymentFollower follower = against(Map.of(
        "ListServiceDeployments", "{\"serviceDeployments\":["
            + "{\"serviceDeploymentArn\":\"" + OTHER + "\",\"status\":\"IN_PROGRESS\",\"createdAt\":1780308010,"
            + "\"targetServiceRevisionArn\":\"rev-other\"},"
            + "{\"serviceDeploymentArn\":\"" + OURS + "\",\"status\":\"IN_PROGRESS\",\"createdAt\":1780308001,"
            + "\"targetServiceRevisionArn\":\"rev-ours\"}]}",
        "DescribeServiceRevisions", "{\"serviceRevisions\":[{\"taskDefinition\":\"arn:aws:ecs:us-east-1:1:task-definition/web:9\"}],"
            + "\"failures\":[]}",
        "DescribeServiceDeployments", "{\"serviceDeployments\":[{\"serviceDeploymentArn\":\"" + OURS + "\","
            + "\"status\":\"IN_PROGRESS\",\"lifecycleStage\":\"BAKE_TIME\","
            + "\"targetServiceRevision\":{\"arn\":\"rev-ours\",\"requestedProductionTrafficWeight\":100.0,"
            + "\"requestedTestTrafficWeight\":100.0},"
            + "\"deploymentCircuitBreaker\":{\"status\":\"MONITORING\",\"failureCount\":1,\"threshold\":3},"
            + "\"alarms\":{\"status\":\"MONITORING\",\"alarmNames\":[\"web-5xx\"],\"triggeredAlarmNames\":[]},"
            + "\"lifecycleHookDetails\":[{\"hookId\":\"h-1\",\"targetType\":\"PAUSE\",\"status\":\"AWAITING_ACTION\","
            + "\"expiresAt\":1780394400,\"timeoutAction\":\"ROLLBACK\"}]}],\"failures\":[]}"));

    // The stub answers every DescribeServiceRevisions with web:9: neither candidate runs web:2.
    assertThat(follower.find(watched, watched.startedAt())).isNull();
    assertThat(follower.unavailable()).isNull();

    FollowedDeployment d = follower.describe(OURS);
    assertThat(d.status()).isEqualTo("IN_PROGRESS");
    assertThat(d.lifecycleStage()).isEqualTo("BAKE_TIME");
    assertThat(d.traffic()).isEqualTo(new FollowedDeployment.Traffic(100, 100));
    assertThat(d.breaker()).isEqualTo(new FollowedDeployment.Breaker("MONITORING", 1, 3));
    assertThat(d.pausedAt().id()).isEqualTo("h-1");
    assertThat(d.pausedAt().expiresAt()).isEqualTo(Instant.ofEpochSecond(1780394400));
    assertThat(calls).containsSubsequence("ListServiceDeployments", "DescribeServiceRevisions", "DescribeServiceRevisions",
        "DescribeServiceDeployments");
  }

  @Test
  void theNewestCandidateRunningOurTaskDefinitionIsOurs() throws Exception {
    ServiceDeploymentFollower follower = against(Map.of(
        "ListServiceDeployments", "{\"serviceDeployments\":["
            + "{\"serviceDeploymentArn\":\"" + OURS + "\",\"status\":\"PENDING\",\"createdAt\":1780308001,"
            + "\"targetServiceRevisionArn\":\"rev-ours\"}]}",
        "DescribeServiceRevisions", "{\"serviceRevisions\":[{\"taskDefinition\":\"arn:aws:ecs:us-east-1:1:task-definition/web:2\"}],"
            + "\"failures\":[]}"));

    assertThat(follower.find(watched, watched.startedAt())).isEqualTo(OURS);
    assertThat(follower.find(watched, null)).as("wait adopts the one under way").isEqualTo(OURS);
  }

  @Test
  void anEndpointWithoutTheApiIsAskedOnceThenLeftAlone() throws Exception {
    ServiceDeploymentFollower follower = against(Map.of());

    assertThat(follower.find(watched, watched.startedAt())).isNull();
    assertThat(follower.find(watched, watched.startedAt())).isNull();
    assertThat(follower.describe(OURS)).isNull();
    assertThat(follower.unavailable()).contains("UnknownOperationException");
    assertThat(calls).containsExactly("ListServiceDeployments");
  }
}
