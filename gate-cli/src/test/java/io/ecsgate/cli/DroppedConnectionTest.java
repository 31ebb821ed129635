package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A connection that drops during UpdateService: one honest line and exit 3, never an internal error. */
class DroppedConnectionTest {
  private static final String SERVICE = """
      {"services":[{"serviceName":"web","status":"ACTIVE","desiredCount":1,"runningCount":1,"pendingCount":0,
       "taskDefinition":"arn:aws:ecs:us-east-1:1:task-definition/web:1",
       "deployments":[{"id":"ecs-svc/1","status":"PRIMARY","taskDefinition":"arn:aws:ecs:us-east-1:1:task-definition/web:1"}]}],
       "failures":[]}""";

  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      if (target.endsWith(".UpdateService")) {
        exchange.close(); // no status line, no body: the client sees the connection end
        return;
      }
      byte[] body = SERVICE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @Test
  void deployCannotGateAndSaysTheUpdateMayHaveRun() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "deploy", "--cluster", "c", "--service", "web",
        "--endpoint-url", "http://127.0.0.1:" + server.getAddress().getPort(), "--region", "us-east-1",
        "--poll-interval", "100ms", "--timeout", "5s");

    assertThat(code).as(err.toString()).isEqualTo(3);
    assertThat(out.toString()).contains("failed to deploy web").contains("the update may have been applied");
    assertThat(err.toString()).doesNotContain("internal error");
  }
}
