package io.ecsgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
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

/** The breaker's progress over the real SDK and HTTP, against a stub that answers two operations. */
class BreakerProgressTest {
  private final List<String> calls = new ArrayList<>();
  private HttpServer server;
  private EcsClients clients;

  private BreakerProgress against(Map<String, String> answers) throws Exception {
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
    return new BreakerProgress(clients.ecs());
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

  private final Watched watched = new Watched("prod", "web", "ecs-svc/1", "web:2", "web:1", Instant.EPOCH);

  @Test
  void showsFailureCountOverThreshold() throws Exception {
    BreakerProgress progress = against(Map.of(
        "ListServiceDeployments", "{\"serviceDeployments\":[{\"serviceDeploymentArn\":\"arn:aws:ecs:us-east-1:1:service-deployment/prod/web/abc\",\"status\":\"IN_PROGRESS\"}]}",
        "DescribeServiceDeployments", "{\"serviceDeployments\":[{\"deploymentCircuitBreaker\":{\"status\":\"MONITORING\",\"failureCount\":2,\"threshold\":3}}],\"failures\":[]}"));

    assertThat(progress.of(watched)).isEqualTo("2/3");
  }

  @Test
  void anEndpointWithoutTheApiIsAskedOnceThenLeftAlone() throws Exception {
    BreakerProgress progress = against(Map.of());

    assertThat(progress.of(watched)).isNull();
    assertThat(progress.of(watched)).isNull();
    assertThat(calls).containsExactly("ListServiceDeployments");
  }
}
