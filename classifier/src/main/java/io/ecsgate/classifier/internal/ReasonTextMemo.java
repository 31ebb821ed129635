package io.ecsgate.classifier.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What the task judge derives from one reason text alone (its lower-case form, which known reasons
 * match it and how each resolves, its excerpt), remembered for the texts seen last. An archive
 * repeats a few hundred reason texts over a million tasks, and deriving these again for every task
 * was about a quarter of {@code ecs-gate classify}'s CPU. They are pure functions of the text, so
 * remembering them cannot change a verdict.
 *
 * <p>Thread-safe without locks ({@link RacySlots}): a slot holds an immutable {@link Facts}, and an
 * entry for another text is a miss, which derives the facts anew.
 */
final class ReasonTextMemo {
  /**
   * The known reasons a text is tested against, in the judge's order, and the one matched by stop
   * code only: bit {@code i} of {@link Facts#matches(int)} stands for {@code KNOWN.get(i)}.
   */
  static final List<KnownReason> KNOWN = catalogue();

  static final int OUT_OF_MEMORY = 0;
  static final int ELB_HEALTH = 1;
  static final int CONTAINER_HEALTH = 2;
  static final int FIRST_BENIGN = 3;
  static final int FIRST_FAILURE = FIRST_BENIGN + KnownReasons.BENIGN.size();
  static final int INFRASTRUCTURE_HEALTH = FIRST_FAILURE + KnownReasons.FAILURES.size();

  /** Longer texts are derived each time: rare, and not worth a slot's memory. */
  static final int LONGEST_REMEMBERED = 1_024;

  static final int DEFAULT_SLOTS = 1_024;

  private static final Facts NO_TEXT = new Facts(null);

  private final RacySlots<Facts> slots;

  ReasonTextMemo() {
    this(DEFAULT_SLOTS);
  }

  /** @param slots a power of two; tests use a few to make texts collide */
  ReasonTextMemo(int slots) {
    this.slots = new RacySlots<>(slots);
  }

  /** The facts of a text (null reads as no text), remembered or derived now. */
  Facts of(String text) {
    if (text == null) {
      return NO_TEXT;
    }
    if (text.length() > LONGEST_REMEMBERED) {
      return new Facts(text);
    }
    int h = text.hashCode(); // cached by String
    Facts known = slots.at(h);
    if (known != null && (known.text == text || known.text.equals(text))) {
      return known;
    }
    Facts derived = new Facts(text);
    slots.put(h, derived);
    return derived;
  }

  /**
   * Everything derived from one text. Immutable but for the last summary made with it, which is
   * itself immutable and replaced racily: shared between threads without locks.
   */
  static final class Facts {
    private final String text;
    private final String lower;
    private final boolean blank;
    private final String excerpt;
    private final long matches;
    /** Per known reason: its resolution, where the text matches it or it has no refinements; else null. */
    private final KnownReason.Resolved[] resolved;
    /** The last verdict summary quoting this text: an archive repeats the same few, task after task. */
    private Summary lastSummary;

    private Facts(String text) {
      this.text = text;
      this.lower = Text.lower(text);
      this.blank = Text.isBlank(text);
      this.excerpt = Text.excerpt(text);
      long bits = 0;
      KnownReason.Resolved[] byReason = new KnownReason.Resolved[KNOWN.size()];
      for (int i = 0; i < KNOWN.size(); i++) {
        KnownReason known = KNOWN.get(i);
        boolean match = known.matchesLowerCase(lower);
        if (match) {
          bits |= 1L << i;
        }
        // A verdict only resolves a reason its text matched, or one without refinements (a stop
        // code's); any other is resolved when asked, so a miss costs no refinement scans it won't use.
        if (match || known.refinements().isEmpty()) {
          byReason[i] = known.resolve(text);
        }
      }
      this.matches = bits;
      this.resolved = byReason;
    }

    /** The text in lower case ({@link Text#lower}): "" for no text. */
    String lower() {
      return lower;
    }

    /** {@link Text#isBlank}. */
    boolean blank() {
      return blank;
    }

    /** {@link Text#excerpt}: one line, shortened. */
    String excerpt() {
      return excerpt;
    }

    /** Whether {@code KNOWN.get(known)} matches the text ({@link KnownReason#matches}). */
    boolean matches(int known) {
      return (matches & (1L << known)) != 0;
    }

    /** The summary last remembered for this text, known reason and container name; null if another. */
    String summary(int known, String container) {
      Summary last = lastSummary;
      return last != null && last.known == known && java.util.Objects.equals(last.container, container)
          ? last.text : null;
    }

    void rememberSummary(int known, String container, String summary) {
      lastSummary = new Summary(known, container, summary);
    }

    /** {@code KNOWN.get(known).resolve(text)}. */
    KnownReason.Resolved resolved(int known) {
      KnownReason.Resolved r = resolved[known];
      return r != null ? r : KNOWN.get(known).resolve(text);
    }
  }

  private record Summary(int known, String container, String text) {}

  private static List<KnownReason> catalogue() {
    List<KnownReason> all = new ArrayList<>();
    all.add(KnownReasons.OUT_OF_MEMORY_KILL);
    all.add(KnownReasons.ELB_HEALTH);
    all.add(KnownReasons.CONTAINER_HEALTH);
    all.addAll(KnownReasons.BENIGN);
    all.addAll(KnownReasons.FAILURES);
    all.add(KnownReasons.INFRASTRUCTURE_HEALTH);
    if (all.size() > Long.SIZE) {
      throw new IllegalStateException("more known reasons than bits in a long: " + all.size());
    }
    return List.copyOf(all);
  }
}
