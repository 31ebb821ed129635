package io.ecsgate.classifier.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/** Random values of the kinds that break parsers: wrong types, numbers no field can hold, hostile text. */
public final class Nasty {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<String> TEXTS = List.of("", " ", "STOPPED", "PRIMARY", "ACTIVE", "FAILED", "null",
      "137", "1e20", "2024-01-02T03:04:05Z", "+999999999-12-31T23:59:59Z", "yesterday", "service:web", "family:job",
      "arn:aws:ecs:us-east-1:123456789012:cluster/prod", "arn:aws:ecs:", "arn:", "service/", "/", "::::",
      "\u202Eevil", "\u001B[31mred", "line\nbreak", "\u2028", "<!channel>", "\uD800", "😀", "日本語", "\u0000");

  private Nasty() {}

  public static String text(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> TEXTS.get(r.nextInt(TEXTS.size()));
      case 1 -> unicode(r, r.nextInt(40));
      case 2 -> "x".repeat(r.nextInt(20_000));
      case 3 -> ascii(r, r.nextInt(12));
      default -> TEXTS.get(r.nextInt(TEXTS.size())) + ascii(r, r.nextInt(4));
    };
  }

  /** Any code points, lone surrogates and controls included. */
  static String unicode(Random r, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = r.nextInt(4);
      if (kind == 0) {
        s.append((char) r.nextInt(0x20));
      } else if (kind == 1) {
        s.append((char) (0xD800 + r.nextInt(0x800)));
      } else {
        s.appendCodePoint(r.nextInt(0x10FFFF + 1) & (kind == 2 ? 0x7F : 0x1FFFF));
      }
    }
    return s.toString();
  }

  static String ascii(Random r, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append((char) (' ' + r.nextInt(95)));
    }
    return s.toString();
  }

  static JsonNode number(Random r) {
    return switch (r.nextInt(12)) {
      case 0 -> F.numberNode(Double.POSITIVE_INFINITY); // what Jackson makes of 1e999
      case 1 -> F.numberNode(Double.NEGATIVE_INFINITY);
      case 2 -> F.numberNode(Double.NaN);
      case 3 -> F.numberNode(1e20);
      case 4 -> F.numberNode(-1e300);
      case 5 -> F.numberNode(Long.MAX_VALUE);
      case 6 -> F.numberNode(Long.MIN_VALUE);
      case 7 -> F.numberNode(BigInteger.TEN.pow(40));
      case 8 -> F.numberNode(new BigDecimal("1E+400"));
      case 9 -> F.numberNode(r.nextDouble() * 4e9 - 1e9);
      case 10 -> F.numberNode(Integer.MIN_VALUE);
      default -> F.numberNode(r.nextInt(300) - 20);
    };
  }

  public static JsonNode value(Random r, int depth) {
    return switch (r.nextInt(depth > 2 ? 5 : 7)) {
      case 0, 1 -> F.textNode(text(r));
      case 2 -> number(r);
      case 3 -> F.booleanNode(r.nextBoolean());
      case 4 -> F.nullNode();
      case 5 -> {
        var o = F.objectNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          o.set(text(r), value(r, depth + 1));
        }
        yield o;
      }
      default -> {
        var a = F.arrayNode();
        for (int i = r.nextInt(4); i > 0; i--) {
          a.add(value(r, depth + 1));
        }
        yield a;
      }
    };
  }

  /** {@code value} inside {@code depth} arrays or objects. */
  static JsonNode nested(Random r, JsonNode value, int depth) {
    JsonNode n = value;
    for (int i = 0; i < depth; i++) {
      n = r.nextBoolean() ? F.arrayNode().add(n) : F.objectNode().set("k", n);
    }
    return n;
  }
}
