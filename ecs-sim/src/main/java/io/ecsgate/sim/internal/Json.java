package io.ecsgate.sim.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** JSON helpers for the AWS JSON 1.1 protocol. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** The JSON protocol sends timestamps as epoch seconds, a number with a fraction (kept as is). */
  private static BigDecimal epochSeconds(long epochMillis) {
    return BigDecimal.valueOf(epochMillis, 3);
  }

  static void putTime(ObjectNode node, String field, long epochMillis) {
    if (epochMillis > 0) {
      node.set(field, DecimalNode.valueOf(epochSeconds(epochMillis)));
    }
  }

  static void putIfNotNull(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  static String text(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.client("SerializationException", "Field " + field + " must be a string.");
    }
    return value.asText();
  }

  static String requiredText(JsonNode request, String field) {
    String value = text(request, field);
    if (value == null || value.isEmpty()) {
      throw ApiException.invalidParameter(field + " must be specified.");
    }
    return value;
  }

  static Integer integer(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      throw ApiException.client("SerializationException", "Field " + field + " must be an integer.");
    }
    return value.asInt();
  }

  static boolean bool(JsonNode request, String field) {
    JsonNode value = request.get(field);
    return value != null && value.asBoolean(false);
  }

  static List<String> strings(JsonNode request, String field) {
    JsonNode value = request.get(field);
    List<String> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isArray()) {
      throw ApiException.client("SerializationException", "Field " + field + " must be a list.");
    }
    value.forEach(item -> out.add(item.asText()));
    return out;
  }
}
