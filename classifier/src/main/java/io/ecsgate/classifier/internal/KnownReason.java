package io.ecsgate.classifier.internal;

import io.ecsgate.classifier.Category;
import java.util.List;

/**
 * One kind of stop reason ECS writes, recognised by key phrases (lower case, matched anywhere: ECS
 * truncates long reasons and rewords them over the years, so whole-string matches break).
 *
 * @param id the rule name after {@code default:}
 * @param headline summary start; {@code %s} is replaced by the container ("container web") or "the task"
 * @param refinements more specific variants, first match wins, each with its own hint
 */
public record KnownReason(
    String id, Category category, boolean alert, List<String> phrases, String headline, String hint,
    List<Refinement> refinements) {

  /** A variant of a known reason, e.g. an image pull that failed because the tag does not exist. */
  /** @param deterministic retrying cannot fix what it names (see {@code Verdict.deterministic}) */
  public record Refinement(String id, List<String> phrases, String hint, boolean deterministic) {
    public Refinement(String id, List<String> phrases, String hint) {
      this(id, phrases, hint, false);
    }
  }

  public KnownReason(String id, Category category, boolean alert, List<String> phrases, String headline, String hint) {
    this(id, category, alert, phrases, headline, hint, List.of());
  }

  public boolean matches(String text) {
    return matchesLowerCase(Text.lower(text));
  }

  /** {@link #matches(String)} on a text already in lower case ({@link Text#lower}), lowered once for all reasons. */
  public boolean matchesLowerCase(String lower) {
    return containsAny(lower, phrases);
  }

  /** The rule name and hint for this text: the first matching refinement, else the reason's own. */
  public Resolved resolve(String text) {
    String lower = Text.lower(text);
    for (Refinement r : refinements) {
      if (containsAny(lower, r.phrases())) {
        return new Resolved("default:" + id + "." + r.id(), r.hint(), r.deterministic());
      }
    }
    return new Resolved("default:" + id, hint, false);
  }

  /** A rule name with its hint, and whether retrying could fix the cause. */
  public record Resolved(String rule, String hint, boolean deterministic) {}

  static boolean containsAny(String lower, List<String> phrases) {
    // By index: an iterator per call was the largest garbage of an archive's classification (the
    // lists are of several immutable classes, so the JIT does not remove it).
    for (int i = 0; i < phrases.size(); i++) {
      if (lower.contains(phrases.get(i))) {
        return true;
      }
    }
    return false;
  }
}
