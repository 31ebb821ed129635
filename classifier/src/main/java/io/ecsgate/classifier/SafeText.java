package io.ecsgate.classifier;

import io.ecsgate.classifier.internal.Text;

/**
 * Makes untrusted text (stopped reasons, service events, log lines, names typed by a user) safe to
 * print: control characters (ESC, CR, C1 CSI...), invisible format characters (bidi overrides,
 * zero-width joiners), lone surrogates and the XML non-characters are removed, so that no text ECS
 * or an application wrote can move the cursor, recolour a terminal, forge a GitLab section marker
 * or break an XML report. Whitespace then collapses to single spaces: one value, one line.
 */
public final class SafeText {
  private SafeText() {}

  /** Longest untrusted line printed anywhere in a report. */
  public static final int MAX_LINE = 500;

  /** One line, at most {@code max} characters; "" for null. */
  public static String oneLine(String s, int max) {
    // Stripped again: shortening can split a surrogate pair.
    return strip(Text.oneLine(strip(s), max));
  }

  /** One line, at most {@link #MAX_LINE} characters; "" for null. */
  public static String oneLine(String s) {
    return oneLine(s, MAX_LINE);
  }

  /**
   * Replaces every control character (line breaks and tabs included) by a space and drops format
   * characters, surrogates without their pair and U+FFFE/U+FFFF. Null stays null.
   */
  public static String strip(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      if (type == Character.CONTROL || cp == '\u2028' || cp == '\u2029') {
        b.append(' ');
      } else if (type != Character.FORMAT && type != Character.SURROGATE && cp != 0xFFFE && cp != 0xFFFF) {
        b.appendCodePoint(cp);
      }
    });
    return b.toString();
  }
}
