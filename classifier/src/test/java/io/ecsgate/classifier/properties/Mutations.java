package io.ecsgate.classifier.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutates a JSON tree where it hurts: a field dropped, a value of another type, a number no field
 * can hold, hostile text, a value nested deep, a list where one value was.
 */
public final class Mutations {
  private Mutations() {}

  /** {@code count} mutations of (a copy of) {@code root} at random places. */
  public static JsonNode mutate(JsonNode root, Random r, int count) {
    JsonNode copy = root.deepCopy();
    for (int i = 0; i < count; i++) {
      List<ContainerNode<?>> containers = new ArrayList<>();
      collect(copy, containers);
      ContainerNode<?> parent = containers.get(r.nextInt(containers.size()));
      if (parent.size() > 0) {
        mutateChild(parent, r);
      }
    }
    return copy;
  }

  private static void mutateChild(ContainerNode<?> parent, Random r) {
    if (parent instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(r.nextInt(names.size()));
      if (r.nextInt(5) == 0) {
        o.remove(name);
      } else {
        o.set(name, replacement(o.get(name), r));
      }
    } else {
      ArrayNode a = (ArrayNode) parent;
      int i = r.nextInt(a.size());
      if (r.nextInt(5) == 0) {
        a.remove(i);
      } else {
        a.set(i, replacement(a.get(i), r));
      }
    }
  }

  private static JsonNode replacement(JsonNode old, Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> Nasty.number(r);
      case 1 -> Nasty.nested(r, old, 1 + r.nextInt(r.nextBoolean() ? 3 : 900)); // parsed JSON is at most 1000 deep
      case 2 -> Corpus.JSON.getNodeFactory().arrayNode().add(old);
      case 3 -> Corpus.JSON.getNodeFactory().textNode(Nasty.text(r));
      default -> Nasty.value(r, 0);
    };
  }

  private static void collect(JsonNode n, List<ContainerNode<?>> into) {
    if (n instanceof ContainerNode<?> c) {
      into.add(c);
      n.forEach(child -> collect(child, into));
    }
  }

  /**
   * Mutates the text of one JSON line without adding a line break: truncated, a byte inserted
   * (invalid UTF-8 among them), a number replaced by one no field can hold, a key repeated, a
   * value nested past the parser's depth limit.
   */
  public static byte[] mutateLine(String line, Random r) {
    byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = bytes.length == 0 ? 0 : r.nextInt(bytes.length);
    String text = switch (r.nextInt(6)) {
      case 0 -> line.substring(0, r.nextInt(line.length() + 1));
      case 1 -> line.replaceFirst("\\d+(\\.\\d+)?", r.nextBoolean() ? "1e999" : "1e20");
      case 2 -> line.replaceFirst("\\{\"", "{\"stopCode\":\"A\",\"stopCode\":42,\"");
      case 3 -> line.replaceFirst(":", ":" + "[".repeat(2_000)) ;
      case 4 -> line.replace('"', r.nextBoolean() ? '\'' : '"');
      default -> null;
    };
    if (text != null) {
      return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    byte[] inserted = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, inserted, 0, at);
    byte b = (byte) r.nextInt(256);
    inserted[at] = b == '\n' ? (byte) 0xff : b;
    System.arraycopy(bytes, at, inserted, at + 1, bytes.length - at);
    return inserted;
  }
}
