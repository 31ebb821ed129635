package io.ecsgate.classifier.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsgate.classifier.MalformedSignalException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of optional JSON fields. Missing or null is normal (null comes back); a value of the
 * wrong type is an error that names the field's path, so a bad export is reported, not misjudged.
 */
public final class JsonFields {
  private JsonFields() {}

  public static String text(JsonNode obj, String field, String path) throws MalformedSignalException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw wrongType(path, field, "text", v);
    }
    return v.asText();
  }

  public static Integer integer(JsonNode obj, String field, String path) throws MalformedSignalException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw wrongType(path, field, "a whole number", v);
    }
    return v.intValue();
  }

  public static Boolean bool(JsonNode obj, String field, String path) throws MalformedSignalException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      throw wrongType(path, field, "true or false", v);
    }
    return v.booleanValue();
  }

  /**
   * Timestamps ECS writes lie in this range. Outside it a value is a mistake (or hostile), and it
   * would break the arithmetic done on it later (flood windows, ages), so it is malformed here.
   */
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
  private static final BigDecimal LATEST_SECONDS = BigDecimal.valueOf(LATEST.getEpochSecond() + 1);

  /**
   * A timestamp as ECS sources write it: ISO-8601 text in events and the awscli's output, epoch
   * seconds (with a fraction) in raw API responses.
   */
  public static Instant instant(JsonNode obj, String field, String path) throws MalformedSignalException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return epochSeconds(v, path, field);
    }
    if (!v.isTextual()) {
      throw wrongType(path, field, "a timestamp", v);
    }
    String s = v.asText();
    Instant parsed;
    try {
      parsed = OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException withOffset) {
      try {
        parsed = LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new MalformedSignalException(join(path, field) + ": expected an ISO-8601 timestamp, got \""
            + Text.oneLine(s, 60) + "\"");
      }
    }
    if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
      throw outOfRange(path, field, v);
    }
    return parsed;
  }

  /** Checked before any conversion: 1e999 reads as infinity, and 1e20 would wrap around in a long. */
  private static Instant epochSeconds(JsonNode v, String path, String field) throws MalformedSignalException {
    if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
      throw outOfRange(path, field, v);
    }
    BigDecimal seconds = v.decimalValue();
    if (seconds.signum() < 0 || seconds.compareTo(LATEST_SECONDS) >= 0) {
      throw outOfRange(path, field, v);
    }
    long whole = seconds.longValue();
    long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
    return Instant.ofEpochSecond(whole, nanos);
  }

  private static MalformedSignalException outOfRange(String path, String field, JsonNode v) {
    return new MalformedSignalException(join(path, field) + ": expected a timestamp from 1970 to 9999, got "
        + (v.isNumber() && v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())
            ? "a number too large to read" : describe(v)));
  }

  public static List<JsonNode> array(JsonNode obj, String field, String path) throws MalformedSignalException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw wrongType(path, field, "a list", v);
    }
    List<JsonNode> items = new ArrayList<>(v.size());
    v.forEach(items::add);
    return items;
  }

  public static JsonNode object(JsonNode obj, String field, String path) throws MalformedSignalException {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw wrongType(path, field, "an object", v);
    }
    return v;
  }

  public static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static MalformedSignalException wrongType(String path, String field, String expected, JsonNode v) {
    return new MalformedSignalException(join(path, field) + ": expected " + expected + ", got "
        + describe(v));
  }

  private static String describe(JsonNode v) {
    if (v.isTextual()) {
      return "text \"" + Text.oneLine(v.asText(), 40) + "\"";
    }
    if (v.isObject()) {
      return "an object";
    }
    if (v.isArray()) {
      return "a list";
    }
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + Text.oneLine(v.toString(), 40);
  }
}
