package io.ecsgate.classifier.render;

import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.internal.RacySlots;

/**
 * {@link SafeText#oneLine(String, int)} of the texts a verdict repeats (its summary, hint, rule and
 * the reason it quotes), remembered by the String instance: the classifier hands out the same
 * instances task after task, and making each safe again (a scan for control characters, one for
 * runs of white space) was a tenth of classify's CPU on an archive. A text met in another instance
 * is made safe anew, so the answer never depends on what is remembered.
 *
 * <p>Thread-safe without locks ({@link RacySlots}): entries are immutable.
 */
final class SafeLineMemo {
  private record Entry(String text, int max, String line) {}

  private final RacySlots<Entry> slots;

  /** @param slots a power of two */
  SafeLineMemo(int slots) {
    this.slots = new RacySlots<>(slots);
  }

  /** {@code SafeText.oneLine(text, max)}. */
  String oneLine(String text, int max) {
    if (text == null) {
      return SafeText.oneLine(null, max);
    }
    int h = System.identityHashCode(text) * 31 + max;
    Entry e = slots.at(h);
    if (e != null && e.text == text && e.max == max) {
      return e.line;
    }
    String line = SafeText.oneLine(text, max);
    slots.put(h, new Entry(text, max, line));
    return line;
  }
}
