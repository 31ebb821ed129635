package io.ecsgate.classifier.render;

import io.ecsgate.classifier.SafeText;

/**
 * {@link SafeText#oneLine(String, int)} of the texts a verdict repeats (its summary, hint, rule and
 * the reason it quotes), remembered by the String instance: the classifier hands out the same
 * instances task after task, and making each safe again (a scan for control characters, one for
 * runs of white space) was a tenth of classify's CPU on an archive. A text met in another instance
 * is made safe anew, so the answer never depends on what is remembered.
 *
 * <p>Thread-safe without locks: a slot holds an immutable entry and is replaced racily.
 */
final class SafeLineMemo {
  private record Entry(String text, int max, String line) {}

  private final Entry[] slots;

  /** @param slots a power of two */
  SafeLineMemo(int slots) {
    if (slots <= 0 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.slots = new Entry[slots];
  }

  /** {@code SafeText.oneLine(text, max)}. */
  String oneLine(String text, int max) {
    if (text == null) {
      return SafeText.oneLine(null, max);
    }
    int h = System.identityHashCode(text) * 31 + max;
    int slot = (h ^ (h >>> 16)) & (slots.length - 1);
    Entry e = slots[slot];
    if (e != null && e.text == text && e.max == max) {
      return e.line;
    }
    String line = SafeText.oneLine(text, max);
    slots[slot] = new Entry(text, max, line);
    return line;
  }
}
