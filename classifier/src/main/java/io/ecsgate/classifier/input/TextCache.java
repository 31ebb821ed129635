package io.ecsgate.classifier.input;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Strings an archive repeats (statuses, stop codes, regions, cluster ARNs, container names,
 * the same stopped reason a thousand times), made once: the text fields of each event were a third
 * of what classify allocated, and that garbage is what made the JVM grow its heap. One per reader,
 * not thread-safe; a slot holds the last text that hashed to it.
 */
final class TextCache {
  /** Longer text is rarely repeated, and comparing it costs more than copying it. */
  static final int MAX_CACHED = 512;
  /** An archive repeats a few hundred texts (images and task definitions by revision): room for them to rarely meet. */
  private final String[] slots = new String[4096];
  private final byte[][] slotBytes = new byte[4096][];

  /** The ASCII bytes {@code [from, from + length)} as a String, the cached one when they match it. */
  String of(byte[] b, int from, int length, int hash) {
    String cached = get(b, from, length, hash);
    return cached != null ? cached : put(b, from, length, hash, new String(b, from, length, StandardCharsets.ISO_8859_1));
  }

  /** The text last remembered for the bytes {@code [from, from + length)}, or null. */
  String get(byte[] b, int from, int length, int hash) {
    if (length > MAX_CACHED) {
      return null;
    }
    int slot = slot(hash);
    byte[] cached = slotBytes[slot];
    // Comparing a reason costs less than copying it.
    return cached != null && cached.length == length && ByteWords.same(cached, 0, b, from, length) ? slots[slot] : null;
  }

  /** Remembers {@code text} as what the bytes {@code [from, from + length)} stand for, and returns it. */
  String put(byte[] b, int from, int length, int hash, String text) {
    if (length <= MAX_CACHED) {
      int slot = slot(hash);
      slots[slot] = text;
      slotBytes[slot] = Arrays.copyOfRange(b, from, from + length);
    }
    return text;
  }

  private int slot(int hash) {
    return (hash ^ (hash >>> 16)) & (slots.length - 1);
  }
}
