package io.ecsgate.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** CloudWatch Logs' GetLogEvents over the lines the simulated containers wrote. */
public final class LogsApi {
  public static final String TARGET_PREFIX = "Logs_20140328.";
  private static final int MAX_LIMIT = 10_000;

  private final Engine engine;

  public LogsApi(Engine engine) {
    this.engine = engine;
  }

  /** Runs one operation; the caller holds the engine's monitor and has synced it. */
  public ObjectNode call(String operation, JsonNode request) {
    if (!"GetLogEvents".equals(operation)) {
      throw ApiException.client("UnknownOperationException", null);
    }
    return getLogEvents(request);
  }

  private ObjectNode getLogEvents(JsonNode request) {
    String group = Json.text(request, "logGroupName");
    if (group == null) {
      String identifier = Json.requiredText(request, "logGroupIdentifier");
      group = identifier.contains(":log-group:") ? identifier.substring(identifier.indexOf(":log-group:") + 11) : identifier;
    }
    String streamName = Json.requiredText(request, "logStreamName");
    Integer limitParameter = Json.integer(request, "limit");
    int limit = limitParameter == null ? MAX_LIMIT : limitParameter;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiException.invalidParameter("1 validation error detected: Value '" + limit
          + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000");
    }
    if (!engine.logs.hasGroup(group)) {
      throw ApiException.client("ResourceNotFoundException", "The specified log group does not exist.");
    }
    List<LogStore.Line> stream = engine.logs.stream(group, streamName);
    if (stream == null) {
      throw ApiException.client("ResourceNotFoundException", "The specified log stream does not exist.");
    }
    long startTime = request.path("startTime").asLong(Long.MIN_VALUE);
    long endTime = request.path("endTime").asLong(Long.MAX_VALUE);
    List<LogStore.Line> visible = new ArrayList<>();
    for (LogStore.Line line : stream) {
      if (line.timestamp() <= engine.now() && line.timestamp() >= startTime && line.timestamp() < endTime) {
        visible.add(line);
      }
    }
    int size = visible.size();
    String token = Json.text(request, "nextToken");
    int from;
    int to;
    if (token != null) {
      int position = parseToken(token, size);
      if (token.startsWith("f/")) {
        from = position;
        to = Math.min(size, position + limit);
      } else {
        to = position;
        from = Math.max(0, position - limit);
      }
    } else if (Json.bool(request, "startFromHead")) {
      from = 0;
      to = Math.min(size, limit);
    } else {
      to = size;
      from = Math.max(0, size - limit);
    }
    ObjectNode out = Json.object();
    ArrayNode events = out.putArray("events");
    for (LogStore.Line line : visible.subList(from, to)) {
      ObjectNode event = events.addObject();
      event.put("timestamp", line.timestamp());
      event.put("message", line.message());
      event.put("ingestionTime", line.timestamp() + 150);
    }
    out.put("nextForwardToken", String.format("f/%056d/s", to));
    out.put("nextBackwardToken", String.format("b/%056d/s", from));
    return out;
  }

  private static int parseToken(String token, int size) {
    String[] parts = token.split("/");
    if (parts.length == 3 && ("f".equals(parts[0]) || "b".equals(parts[0]))) {
      try {
        return (int) Math.min(size, Long.parseLong(parts[1]));
      } catch (NumberFormatException e) {
        // falls through
      }
    }
    throw ApiException.invalidParameter("The specified nextToken is invalid.");
  }
}
