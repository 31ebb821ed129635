package io.ecsgate.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * AWS JSON 1.1 over HTTP: {@code POST /}, the operation in {@code X-Amz-Target}, dispatched on its
 * prefix to ECS or CloudWatch Logs. Any signature is accepted (none is verified) and no header is
 * ever logged.
 */
public final class HttpFront implements HttpHandler {
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private final Engine engine;
  private final EcsApi ecs;
  private final LogsApi logs;
  private final FaultInjector faults;

  public HttpFront(Engine engine, FaultInjector faults) {
    this.engine = engine;
    this.ecs = new EcsApi(engine);
    this.logs = new LogsApi(engine);
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      int status = 200;
      ObjectNode response;
      try {
        response = answer(exchange, body);
      } catch (ApiException e) {
        status = e.status();
        response = Json.object();
        response.put("__type", e.type());
        Json.putIfNotNull(response, "message", e.getMessage());
        exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type());
      } catch (RuntimeException e) {
        status = 500;
        response = Json.object();
        response.put("__type", "ServerException");
        response.put("message", "ecs-sim internal error: " + e);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", "ServerException");
      }
      byte[] bytes = Json.MAPPER.writeValueAsBytes(response);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private ObjectNode answer(HttpExchange exchange, byte[] body) {
    if (!"POST".equals(exchange.getRequestMethod())) {
      throw ApiException.client("UnknownOperationException", "Only POST / is served.");
    }
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String service;
    String operation;
    if (target != null && target.startsWith(EcsApi.TARGET_PREFIX)) {
      service = "ecs";
      operation = target.substring(EcsApi.TARGET_PREFIX.length());
    } else if (target != null && target.startsWith(LogsApi.TARGET_PREFIX)) {
      service = "logs";
      operation = target.substring(LogsApi.TARGET_PREFIX.length());
    } else {
      throw ApiException.client("UnknownOperationException", null);
    }
    if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
      throw ApiException.client("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    FaultInjector.Decision decision = faults.decide(service, operation);
    if (!decision.delay().isZero()) {
      try {
        Thread.sleep(decision.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (decision.error() != null) {
      throw decision.error();
    }
    JsonNode request = parse(body);
    synchronized (engine) {
      engine.sync();
      return "ecs".equals(service) ? ecs.call(operation, request) : logs.call(operation, request);
    }
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return Json.object();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw ApiException.client("SerializationException", "The request body must be a JSON object.");
      }
      return node;
    } catch (IOException e) {
      throw ApiException.client("SerializationException", "The request body is not valid JSON.");
    }
  }
}
