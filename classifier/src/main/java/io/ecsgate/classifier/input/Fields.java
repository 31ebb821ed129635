package io.ecsgate.classifier.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ecsgate.classifier.ContainerExit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of one JSON object that {@link FastEventReader} keeps, read from the token stream.
 * Every read answers false when the full path might see it differently: a key given twice (the
 * tree keeps the last, and the other fields may then disagree), or a type the full path would
 * refuse or read otherwise. Timestamps stay text until a signal asks for one.
 */
final class Fields {
  private final Map<String, String> values = new HashMap<>();
  private List<ContainerExit> containers = List.of();
  private boolean containersSeen;

  /** Records a text (or null) field; false for a key seen before or a value that is not text. */
  boolean put(String name, JsonParser p, JsonToken v) throws IOException {
    if (values.containsKey(name)) {
      return false;
    }
    if (v == JsonToken.VALUE_NULL) {
      values.put(name, null);
      return true;
    }
    if (v != JsonToken.VALUE_STRING) {
      return false;
    }
    values.put(name, p.getText());
    return true;
  }

  /** Marks a key seen; false the second time. */
  boolean once(String name) {
    if (values.containsKey(name)) {
      return false;
    }
    values.put(name, null);
    return true;
  }

  String text(String name) {
    return values.get(name);
  }

  /** Whether a timestamp field holds text the fast parse does not take (the full path decides). */
  boolean bad(String name) {
    String s = values.get(name);
    return s != null && IsoInstant.parse(s) == null;
  }

  Instant instant(String name) {
    String s = values.get(name);
    return s == null ? null : IsoInstant.parse(s);
  }

  List<ContainerExit> containers() {
    return containers;
  }

  /**
   * Reads the rest of an object whose START_OBJECT was just read: a task event's detail (or a
   * service event's). Every field a signal is built from is recorded; the others are skipped.
   */
  boolean readObject(JsonParser p, boolean withContainers) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "taskArn", "clusterArn", "taskDefinitionArn", "group", "startedBy", "lastStatus",
            "desiredStatus", "stopCode", "stoppedReason", "launchType", "capacityProviderName",
            "eventType", "eventName", "reason", "deploymentId", "name", "image",
            "createdAt", "startedAt", "stoppingAt", "stoppedAt", "updatedAt" -> {
          if (!put(name, p, v)) {
            return false;
          }
        }
        case "containers" -> {
          if (!withContainers) {
            skip(p, v);
          } else if (containersSeen || !readContainers(p, v)) {
            return false;
          }
        }
        case "exitCode" -> {
          if (withContainers) {
            skip(p, v); // not read on a task: only on its containers
          } else if (!putExitCode(p, v)) {
            return false;
          }
        }
        case "essential" -> {
          if (withContainers) {
            skip(p, v);
          } else if (!putEssential(v)) {
            return false;
          }
        }
        default -> skip(p, v);
      }
    }
    return t == JsonToken.END_OBJECT;
  }

  private boolean readContainers(JsonParser p, JsonToken v) throws IOException {
    containersSeen = true;
    if (v == JsonToken.VALUE_NULL) {
      return true;
    }
    if (v != JsonToken.START_ARRAY) {
      return false;
    }
    List<ContainerExit> found = new ArrayList<>(2);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
      Fields c = new Fields();
      if (!c.readObject(p, false)) {
        return false;
      }
      String name = c.text("name");
      found.add(new ContainerExit(name == null ? "container-" + found.size() : name, c.exitCode, c.text("reason"),
          c.text("lastStatus"), c.essential, c.text("image")));
    }
    containers = found;
    return t == JsonToken.END_ARRAY; // anything but an object in the list: the full path refuses it
  }

  private Integer exitCode;
  private Boolean essential;

  /** A whole number that fits 32 bits, as the full path requires; anything else it refuses. */
  private boolean putExitCode(JsonParser p, JsonToken v) throws IOException {
    if (!once("exitCode")) {
      return false;
    }
    if (v == JsonToken.VALUE_NULL) {
      return true;
    }
    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
      return false;
    }
    exitCode = p.getIntValue();
    return true;
  }

  private boolean putEssential(JsonToken v) {
    if (!once("essential")) {
      return false;
    }
    if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
      essential = v == JsonToken.VALUE_TRUE;
      return true;
    }
    return v == JsonToken.VALUE_NULL;
  }

  /**
   * Skips a value the signal does not need, decoding its text as the tree would: the full path
   * refuses a line with invalid UTF-8 anywhere, so the fast path must see every string too.
   */
  static void skip(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      p.getTextLength();
      return;
    }
    if (!v.isStructStart()) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IOException("unexpected end");
      }
      if (t.isStructStart()) {
        depth++;
      } else if (t.isStructEnd()) {
        depth--;
      } else if (t == JsonToken.VALUE_STRING) {
        p.getTextLength();
      }
    }
  }

  /** Skips the remaining elements of an array whose first element was consumed. */
  static void skipRestOfArray(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw new IOException("unexpected end");
      }
      skip(p, t);
    }
  }
}
