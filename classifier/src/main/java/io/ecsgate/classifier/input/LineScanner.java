package io.ecsgate.classifier.input;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads one JSON line in place for {@link FastEventReader}, string text eight bytes at a time
 * ({@link ByteWords}): a strict subset of JSON that every JSON parser (Jackson included, within its
 * default limits) reads the same way. ASCII text with the short escapes
 * ({@code \" \\ \/ \b \f \n \r \t}), numbers of at most {@link #MAX_NUMBER} characters, nesting
 * at most {@link #MAX_DEPTH} deep, names of at most {@link #MAX_NAME} bytes. Anything else, valid
 * JSON or not (a non-ASCII byte, a {@code \\u} escape, a syntax error), throws {@link #BAIL}, and the
 * line goes to the full path, which reads it or words what is wrong. Strings the signal does not
 * keep are checked, never copied.
 */
final class LineScanner {
  static final int MAX_DEPTH = 64;
  static final int MAX_NUMBER = 24;
  static final int MAX_NAME = 256;

  /** Not an error: "let the full path read this line". Shared and without a stack trace: it is thrown often. */
  static final RuntimeException BAIL = new RuntimeException("not on the fast path", null, false, false) {};

  private final byte[] b;
  private final int end;
  private int i;
  private int depth;
  private int nameStart;
  private int nameLength;
  private int nameHash;

  private final TextCache texts;
  private final IsoInstant times;

  LineScanner(byte[] bytes, int offset, int length, TextCache texts, IsoInstant times) {
    this.texts = texts;
    this.times = times;
    this.b = bytes;
    this.i = offset;
    this.end = offset + length;
  }

  /** Consumes '{'. */
  void beginObject() {
    expect('{');
    enter();
  }

  /**
   * Moves to the next field of the object being read, after its name and colon; false at its
   * '}', which is consumed. {@code first}: no field of this object was read yet.
   */
  boolean nextField(boolean first) {
    byte c = peek();
    if (c == '}') {
      i++;
      depth--;
      return false;
    }
    if (!first) {
      expect(',');
    }
    expect('"');
    nameStart = i;
    i = ByteWords.stop(b, i, end);
    if (at(i) != '"') {
      throw BAIL; // an escape, a control byte or a non-ASCII byte: a name the full path may read otherwise
    }
    nameLength = i - nameStart;
    if (nameLength > MAX_NAME) {
      throw BAIL;
    }
    nameHash = ByteWords.hash(b, nameStart, nameLength);
    i++;
    expect(':');
    return true;
  }

  /** Whether the current field's name is {@code name} (ASCII). */
  boolean nameIs(byte[] name) {
    return name.length == nameLength && ByteWords.same(b, nameStart, name, 0, nameLength);
  }

  /** The current field name's {@link ByteWords#hash}, computed when it was read. */
  int nameHash() {
    return nameHash;
  }

  /** Consumes '['. */
  void beginArray() {
    expect('[');
    enter();
  }

  /** Whether another element follows in the array being read; false at its ']', which is consumed. */
  boolean nextElement(boolean first) {
    byte c = peek();
    if (c == ']') {
      i++;
      depth--;
      return false;
    }
    if (!first) {
      expect(',');
    }
    return true;
  }

  /** The next value's first byte, after white space, without consuming it. */
  byte peek() {
    if (i < end && b[i] > ' ') { // archives are written without white space between tokens
      return b[i];
    }
    return peekAfterSpace();
  }

  private byte peekAfterSpace() {
    while (i < end) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return c;
      }
      i++;
    }
    throw BAIL;
  }

  /** Whether the next value is JSON null; consumes it if so. */
  boolean nullValue() {
    if (peek() != 'n') {
      return false;
    }
    literal("null");
    return true;
  }

  /** A string value (null for JSON null); any other type throws {@link #BAIL}. */
  String textOrNull() {
    return textOrNull(true);
  }

  /**
   * {@link #textOrNull()}; {@code repeats}: whether the text may have been seen before (a status, a
   * reason), else it is made anew without a look into the {@link TextCache}: an event's id and its
   * task's ARN are never repeated, and caching them cost a copy and evicted texts that are.
   */
  String textOrNull(boolean repeats) {
    if (nullValue()) {
      return null;
    }
    expect('"');
    int start = i;
    i = ByteWords.stop(b, i, end);
    byte c = at(i);
    if (c == '"') {
      i++;
      int length = i - 1 - start;
      return repeats ? texts.of(b, start, length, ByteWords.hash(b, start, length))
          : new String(b, start, length, StandardCharsets.ISO_8859_1);
    }
    if (c == '\\') {
      return escapedText(start, repeats);
    }
    throw BAIL; // a control byte or a non-ASCII byte
  }

  /**
   * A timestamp in EventBridge's shape ({@link IsoInstant}), read from the bytes without a String
   * (null for JSON null); anything else, another shape included, throws {@link #BAIL}.
   */
  Instant instantOrNull() {
    if (nullValue()) {
      return null;
    }
    expect('"');
    int start = i;
    i = ByteWords.stop(b, i, end);
    if (at(i) != '"') {
      throw BAIL; // a backslash, a control or a non-ASCII byte: IsoInstant would refuse it anyway
    }
    Instant t = times.parse(b, start, i - start);
    if (t == null) {
      throw BAIL;
    }
    i++;
    return t;
  }

  /** A whole number that fits 32 bits (null for JSON null); any other value throws {@link #BAIL}. */
  Integer intOrNull() {
    if (nullValue()) {
      return null;
    }
    int start = i;
    boolean negative = at(i) == '-';
    if (negative) {
      i++;
    }
    long v = 0;
    int digits = 0;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      v = v * 10 + (b[i] - '0');
      i++;
      if (++digits > 10) {
        throw BAIL;
      }
    }
    if (digits == 0 || (digits > 1 && b[start + (negative ? 1 : 0)] == '0')) {
      throw BAIL;
    }
    if (i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
      throw BAIL; // a fraction or an exponent: not a whole number to the full path
    }
    v = negative ? -v : v;
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw BAIL;
    }
    return (int) v;
  }

  /** true, false, or null for JSON null; any other value throws {@link #BAIL}. */
  Boolean boolOrNull() {
    byte c = peek();
    if (c == 't') {
      literal("true");
      return Boolean.TRUE;
    }
    if (c == 'f') {
      literal("false");
      return Boolean.FALSE;
    }
    literal("null");
    return null;
  }

  /** Checks and passes over any value. */
  void skipValue() {
    byte c = peek();
    switch (c) {
      case '{' -> {
        beginObject();
        boolean first = true;
        while (nextField(first)) {
          first = false;
          skipValue();
        }
      }
      case '[' -> {
        beginArray();
        boolean first = true;
        while (nextElement(first)) {
          first = false;
          skipValue();
        }
      }
      case '"' -> skipString();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
  }

  /** Whether only white space is left on the line. */
  boolean atEnd() {
    while (i < end) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
      i++;
    }
    return true;
  }

  private void skipString() {
    i++; // the opening quote, seen by peek()
    skipStringRest();
  }

  /** Moves past the quote that ends the string {@code i} is in; only short escapes pass. */
  private void skipStringRest() {
    while (true) {
      i = ByteWords.stop(b, i, end);
      byte c = at(i);
      if (c == '"') {
        i++;
        return;
      }
      if (c != '\\') {
        throw BAIL; // a control byte or a non-ASCII byte
      }
      i++;
      shortEscape(at(i));
      i++;
    }
  }

  /**
   * The text of a string with short escapes, {@code i} at its first backslash. Real reasons carry
   * them (a registry's {@code Post \"https://...\"}) and repeat as often as plain ones, so the
   * text is cached by its bytes as written, escapes and all: no plain text has a backslash, so the
   * two kinds of key never meet.
   */
  private String escapedText(int start, boolean repeats) {
    skipStringRest();
    int close = i - 1;
    int length = close - start;
    if (!repeats) {
      return unescaped(start, close);
    }
    int hash = ByteWords.hash(b, start, length);
    String cached = texts.get(b, start, length, hash);
    return cached != null ? cached : texts.put(b, start, length, hash, unescaped(start, close));
  }

  /** The text of the string bytes {@code [from, to)}, whose escapes {@link #skipStringRest} checked. */
  private String unescaped(int from, int to) {
    byte[] text = new byte[to - from];
    int n = 0;
    for (int k = from; k < to; k++) {
      byte c = b[k];
      text[n++] = c == '\\' ? (byte) shortEscape(b[++k]) : c;
    }
    return new String(text, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** The character a short escape stands for; a {@code \\u} escape (or no escape at all) throws {@link #BAIL}. */
  private static char shortEscape(byte c) {
    return switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '/' -> '/';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      default -> throw BAIL;
    };
  }

  /** JSON's number grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
  private void number() {
    int start = i;
    if (at(i) == '-') {
      i++;
    }
    if (at(i) == '0') {
      i++;
    } else {
      digits();
    }
    if (i < end && b[i] == '.') {
      i++;
      digits();
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (at(i) == '+' || b[i] == '-') {
        i++;
      }
      digits();
    }
    if (i - start > MAX_NUMBER) {
      throw BAIL;
    }
  }

  private void digits() {
    int from = i;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    if (i == from) {
      throw BAIL;
    }
  }

  private void literal(String word) {
    for (int k = 0; k < word.length(); k++) {
      if (at(i + k) != word.charAt(k)) {
        throw BAIL;
      }
    }
    i += word.length();
  }

  private void expect(char c) {
    if (peek() != c) {
      throw BAIL;
    }
    i++;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw BAIL;
    }
  }

  private byte at(int k) {
    if (k >= end) {
      throw BAIL;
    }
    return b[k];
  }
}
