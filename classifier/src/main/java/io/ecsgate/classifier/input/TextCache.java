package io.ecsgate.classifier.input;

import java.nio.charset.StandardCharsets;

/**
 * The Strings an archive repeats (statuses, stop codes, regions, cluster ARNs, container names,
 * the same stopped reason a thousand times), made once: the text fields of each event were a third
 * of what classify allocated, and that garbage is what made the JVM grow its heap. One per reader,
 * not thread-safe; a slot holds the last text that hashed to it.
 */
final class TextCache {
  /** Longer text is rarely repeated, and comparing it costs more than copying it. */
  static final int MAX_CACHED = 512;
  private final String[] slots = new String[1024];

  /** The ASCII bytes {@code [from, from + length)} as a String, the cached one when they match it. */
  String of(byte[] b, int from, int length, int hash) {
    if (length > MAX_CACHED) {
      return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }
    int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
    String cached = slots[slot];
    if (cached != null && sameText(cached, b, from, length)) {
      return cached;
    }
    String made = new String(b, from, length, StandardCharsets.ISO_8859_1);
    slots[slot] = made;
    return made;
  }

  private static boolean sameText(String s, byte[] b, int from, int length) {
    if (s.length() != length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (s.charAt(k) != b[from + k]) {
        return false;
      }
    }
    return true;
  }
}
