package io.ecsgate.classifier.internal;

/**
 * The table behind the classifier's memos ({@link ReasonTextMemo}, the renderers' safe lines and
 * places): a fixed number of slots, each holding the last entry whose hash led to it. Thread-safe
 * without locks as long as entries are immutable (final fields only): a slot is replaced racily,
 * so a reader sees a complete entry, an older one, or none, and a memo that finds an entry for
 * another key derives its answer anew. What is remembered can thus never change an answer.
 *
 * @param <E> an immutable entry that carries its own key, for the memo to check
 */
public final class RacySlots<E> {
  private final Object[] slots;

  /** @param slots a power of two; tests use a few to make keys collide */
  public RacySlots(int slots) {
    if (slots <= 0 || Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slots);
    }
    this.slots = new Object[slots];
  }

  /** The entry in the slot of {@code hash}, or null: its key is the caller's to check. */
  @SuppressWarnings("unchecked")
  public E at(int hash) {
    return (E) slots[index(hash)];
  }

  /** Puts {@code entry} in the slot of {@code hash}, in place of whatever was there. */
  public void put(int hash, E entry) {
    slots[index(hash)] = entry;
  }

  private int index(int hash) {
    return (hash ^ (hash >>> 16)) & (slots.length - 1);
  }
}
