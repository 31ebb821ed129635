package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoints that misbehave in the ways a proxy, a wrong URL or a broken network do: the gate ends
 * in a verdict or one clear line, by its --timeout, and never prints a credential.
 */
class HostileEndpointTest {
  static final String SERVICE = """
      {"services":[{"serviceName":"web","status":"ACTIVE","desiredCount":1,"runningCount":1,"pendingCount":0,
       "taskDefinition":"arn:aws:ecs:us-east-1:1:task-definition/web:1",
       "deployments":[{"id":"ecs-svc/1","status":"PRIMARY","taskDefinition":"arn:aws:ecs:us-east-1:1:task-definition/web:1"}]}],
       "failures":[]}""";
  static final String UPDATED = """
      {"service":{"serviceName":"web","status":"ACTIVE","desiredCount":1,"runningCount":1,"pendingCount":0,
       "taskDefinition":"arn:aws:ecs:us-east-1:1:task-definition/web:1",
       "deployments":[{"id":"ecs-svc/2","status":"PRIMARY","taskDefinition":"arn:aws:ecs:us-east-1:1:task-definition/web:1",
         "runningCount":0,"pendingCount":0,"desiredCount":1,"rolloutState":"IN_PROGRESS"},
        {"id":"ecs-svc/1","status":"ACTIVE","taskDefinition":"arn:aws:ecs:us-east-1:1:task-definition/web:1",
         "runningCount":1,"desiredCount":1}]}}""";

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> calls = new ArrayList<>();
  private HttpServer server;
  @TempDir Path dir;

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  /** Answers each call with {@code answer.apply(operation)}: a JSON body, or null to never answer. */
  private String endpoint(Function<String, String> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = target == null ? "?" : target.substring(target.lastIndexOf('.') + 1);
      String body;
      synchronized (calls) {
        calls.add(operation);
        body = answer.apply(operation);
      }
      if (body == null) {
        await();
        exchange.close();
        return;
      }
      reply(exchange, body.startsWith("!") ? 400 : 200, body.startsWith("!") ? body.substring(1) : body);
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void await() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  record Run(int code, String out, String err, Duration took) {}

  private Run deploy(String endpoint, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("deploy", "--cluster", "c", "--service", "web",
        "--endpoint-url", endpoint, "--region", "us-east-1", "--poll-interval", "100ms"));
    args.addAll(List.of(extra));
    Instant start = Instant.now();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString(), Duration.between(start, Instant.now()));
  }

  private static void withKeys(String accessKey, String secretKey, String token, Runnable r) {
    System.setProperty("aws.accessKeyId", accessKey);
    System.setProperty("aws.secretAccessKey", secretKey);
    if (token != null) {
      System.setProperty("aws.sessionToken", token);
    }
    try {
      r.run();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      System.clearProperty("aws.sessionToken");
    }
  }

  @Test
  void anEndpointThatStopsAnsweringAfterTheUpdateEndsTheRunByTheTimeoutWithAReport() throws Exception {
    String url = endpoint(op -> switch (op) {
      case "DescribeServices" -> calls.stream().filter("DescribeServices"::equals).count() == 1 ? SERVICE : null;
      case "UpdateService" -> UPDATED;
      default -> null; // ServiceDeployments, ListTasks, logs...: never answered
    });
    Path junit = dir.resolve("junit.xml");
    Path dotenv = dir.resolve("gate.env");
    Run[] run = new Run[1];
    withKeys("AKIDEXAMPLE", "secret", null, () ->
        // A hang guard: before the deadline applied to every call, this run took 60 s per call.
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
          run[0] = deploy(url, "--timeout", "5s", "--junit", junit.toString(), "--dotenv", dotenv.toString());
        }));
    Run r = run[0];

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).contains("TIMED_OUT").contains("c/web");
    assertThat(junit).content().contains("type=\"TIMED_OUT\"");
    assertThat(dotenv).content().contains("ECS_GATE_RESULT=timed_out");
    // The run ends at --timeout; the margin is for the JVM, not for AWS calls.
    assertThat(r.took()).as("whole run, report included").isLessThan(Duration.ofSeconds(5 + 4));
  }

  @Test
  void anAnswerWithNeitherTheServiceNorAFailureCannotGateAtOnce() throws Exception {
    String url = endpoint(op -> "{}");
    Run[] run = new Run[1];
    withKeys("AKIDEXAMPLE", "secret", null, () -> run[0] = deploy(url, "--timeout", "60s"));

    assertThat(run[0].code()).as(run[0].err()).isEqualTo(3);
    assertThat(run[0].out()).contains("NOT_GATED").contains("named neither service web nor a failure for it")
        .contains("is --endpoint-url an ECS endpoint?");
    assertThat(calls).containsExactly("DescribeServices").as("judged from the first answer, not polled");
  }

  @Test
  void anErrorMessageEchoingTheRequestHeadersPrintsNoCredential() throws Exception {
    String token = "IQoJb3JpZ2luX2VjEXAMPLETOKEN" + "Zm9vYmFy".repeat(40);
    String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    // A broken proxy that answers with what it was sent: the signature, the key id and the token.
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String echoed = "X-Amz-Security-Token: " + exchange.getRequestHeaders().getFirst("X-Amz-Security-Token")
          + " Authorization: " + exchange.getRequestHeaders().getFirst("Authorization")
          + " secret=" + secret;
      reply(exchange, 400, "{\"__type\":\"InvalidParameterException\",\"message\":" + json(echoed) + "}");
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    Path junit = dir.resolve("junit.xml");
    Path dotenv = dir.resolve("gate.env");
    Run[] run = new Run[1];
    withKeys("ASIAEXAMPLEKEYID1234", secret, token, () -> run[0] = deploy(url, "--timeout", "20s",
        "--junit", junit.toString(), "--dotenv", dotenv.toString(), "--output", "text"));
    Run r = run[0];

    assertThat(r.out() + r.err()).contains("InvalidParameterException");
    for (String text : List.of(r.out(), r.err(), Files.readString(junit), Files.readString(dotenv))) {
      assertThat(text).doesNotContain(token.substring(0, 40)).doesNotContain(secret).doesNotContain("ASIAEXAMPLEKEYID1234")
          .doesNotContainPattern("Signature=[0-9a-f]{16}");
    }
    assertThat(r.out()).contains("[redacted]");
  }

  @Test
  void anUnknownProfileCannotGateAtOnce() throws Exception {
    String url = endpoint(op -> SERVICE);
    Path config = Files.writeString(dir.resolve("config"), "[profile other]\nregion = us-east-1\n");
    Path credentials = Files.writeString(dir.resolve("credentials"), "");
    System.setProperty("aws.configFile", config.toString());
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    Run r;
    try {
      r = deploy(url, "--profile", "nosuch", "--timeout", "60s");
    } finally {
      System.clearProperty("aws.configFile");
      System.clearProperty("aws.sharedCredentialsFile");
    }

    assertThat(r.code()).as(r.err()).isEqualTo(3);
    assertThat(r.out()).contains("no AWS credentials for profile 'nosuch' (--profile)");
    assertThat(r.err()).doesNotContain("retrying in").doesNotContain("internal error");
    assertThat(calls).as("nothing sent without credentials").isEmpty();
  }

  @Test
  void diagnoseWithAnUnknownProfileIsOneLineNotTheProviderChain() throws Exception {
    String url = endpoint(op -> SERVICE);
    Path config = Files.writeString(dir.resolve("config"), "[profile other]\nregion = us-east-1\n");
    System.setProperty("aws.configFile", config.toString());
    System.setProperty("aws.sharedCredentialsFile", Files.writeString(dir.resolve("credentials"), "").toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try {
      code = Main.run(new PrintWriter(out), new PrintWriter(err), "diagnose", "--cluster", "c", "--service", "web",
          "--endpoint-url", url, "--region", "us-east-1", "--profile", "nosuch");
    } finally {
      System.clearProperty("aws.configFile");
      System.clearProperty("aws.sharedCredentialsFile");
    }

    assertThat(code).as(err.toString()).isEqualTo(3);
    assertThat(out.toString() + err.toString()).contains("no AWS credentials for profile 'nosuch' (--profile)")
        .doesNotContain("SystemPropertyCredentialsProvider").doesNotContain("EnvironmentVariableCredentialsProvider");
    assertThat(calls).isEmpty();
  }

  private static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
