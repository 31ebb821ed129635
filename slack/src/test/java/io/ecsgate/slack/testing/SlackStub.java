package io.ecsgate.slack.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for Slack: the Web API under {@code /api/} and an incoming
 * webhook. It records every request and answers as Slack does unless a test queued other answers
 * for a path ({@link #respond}).
 *
 * <p>Defaults: {@code users.lookupByEmail} finds {@link #USER_ID}; {@code chat.postMessage} answers
 * ok with a new {@code ts} each time ({@code 1700000000.000100}, {@code …200}, …); {@code chat.update}
 * answers ok; the webhook answers 200 {@code ok}.
 */
public final class SlackStub implements AutoCloseable {
  public static final String USER_ID = "U0ALICE42";
  public static final String CHANNEL_ID = "C0DEPLOYS";
  public static final String WEBHOOK_PATH = "/services/T0000/B0000/s3cr3tW3bh00kP4th";

  /** One request as received: the path, headers (lower-case names), the raw body and, for forms, its fields. */
  public record Request(String method, String path, Map<String, String> headers, String body, Map<String, String> form) {
    /** The Web API method, e.g. "chat.postMessage", or the path for anything else. */
    public String call() {
      return path.startsWith("/api/") ? path.substring("/api/".length()) : path.equals(WEBHOOK_PATH) ? "webhook" : path;
    }
  }

  /** An answer: status, body, extra headers. */
  public record Response(int status, String body, Map<String, String> headers) {
    public static Response json(int status, String body) {
      return new Response(status, body, Map.of("Content-Type", "application/json; charset=utf-8"));
    }

    public static Response ok(String jsonFields) {
      return json(200, "{\"ok\":true" + (jsonFields.isEmpty() ? "" : "," + jsonFields) + "}");
    }

    public static Response error(String code) {
      return json(200, "{\"ok\":false,\"error\":\"" + code + "\"}");
    }

    public static Response rateLimited(int retryAfterSeconds) {
      return new Response(429, "{\"ok\":false,\"error\":\"ratelimited\"}", Map.of(
          "Content-Type", "application/json; charset=utf-8", "Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public static Response status(int status, String body) {
      return new Response(status, body, Map.of("Content-Type", "text/plain"));
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Response>> queued = new HashMap<>();
  private final AtomicInteger messages = new AtomicInteger();
  private final Map<String, Hold> holds = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Keeps the next request of one call waiting until the test releases it: to do something at a
   * known point of a client's work (after its verdict, before its message), without sleeping.
   */
  public static final class Hold {
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** Waits until the held request has come in; false if it did not within the timeout. */
    public boolean awaitArrival(Duration timeout) throws InterruptedException {
      return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void release() {
      released.countDown();
    }

    private void hold() {
      arrived.countDown();
      try {
        released.await(60, TimeUnit.SECONDS); // bounded: a test that forgets to release still ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Holds the next request of {@code call} ("users.lookupByEmail", "chat.postMessage", ...). */
  public Hold hold(String call) {
    Hold h = new Hold();
    holds.put(call, h);
    return h;
  }

  private SlackStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    // A thread per request, so that a held request does not hold up the other clients' requests.
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "slack-stub");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  public static SlackStub start() {
    try {
      return new SlackStub();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Slack stub", e);
    }
  }

  /** For SLACK_API_URL. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  /** For SLACK_WEBHOOK_URL: its path is a secret, as a real webhook's is. */
  public String webhookUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + WEBHOOK_PATH;
  }

  /** Queues answers for a call ("chat.postMessage", "users.lookupByEmail", "webhook"), used before the defaults. */
  public synchronized SlackStub respond(String call, Response... answers) {
    Deque<Response> q = queued.computeIfAbsent(call, k -> new ArrayDeque<>());
    q.addAll(List.of(answers));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The calls made, in order: "users.lookupByEmail", "chat.postMessage", "webhook". */
  public List<String> calls() {
    return requests.stream().map(Request::call).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new LinkedHashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
      String contentType = headers.getOrDefault("content-type", "");
      Map<String, String> form = contentType.startsWith("application/x-www-form-urlencoded") ? form(body) : Map.of();
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body, form);
      requests.add(request);
      Hold held = holds.remove(request.call());
      if (held != null) {
        held.hold();
      }
      Response answer = next(request.call());
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private synchronized Response next(String call) {
    Deque<Response> q = queued.get(call);
    if (q != null && !q.isEmpty()) {
      Response r = q.poll();
      if (call.equals("chat.postMessage") && r.status() == 200 && r.body().contains("\"ok\":true")) {
        messages.incrementAndGet();
      }
      return r;
    }
    return switch (call) {
      case "users.lookupByEmail" -> Response.ok("\"user\":{\"id\":\"" + USER_ID + "\",\"name\":\"alice\"}");
      case "chat.postMessage" -> Response.ok("\"channel\":\"" + CHANNEL_ID + "\",\"ts\":\"" + ts(messages.incrementAndGet()) + "\"");
      case "chat.update" -> Response.ok("\"channel\":\"" + CHANNEL_ID + "\"");
      case "webhook" -> Response.status(200, "ok");
      default -> Response.error("unknown_method");
    };
  }

  /** The ts of the n-th message posted (1-based). */
  public static String ts(int n) {
    return String.format(Locale.ROOT, "1700000000.%06d", n * 100);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      fields.put(k, v);
    }
    return fields;
  }

  @Override
  public void close() {
    holds.values().forEach(Hold::release);
    server.stop(0);
  }
}
