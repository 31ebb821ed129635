package io.ecsgate.classifier;

import io.ecsgate.classifier.internal.Text;
import java.util.regex.Pattern;

/**
 * Makes untrusted text (stopped reasons, service events, log lines, names typed by a user) safe to
 * print on a terminal, in a GitLab job log or in an XML report: no text ECS or an application wrote
 * can move the cursor, recolour the terminal, set its title, hide a link target (OSC 8), ring the
 * bell, reorder what is shown (bidi overrides) or open or close a GitLab collapsible section.
 *
 * <ul>
 *   <li>Escape sequences go whole, introducer, parameters and all (CSI, OSC, DCS and the other
 *       string sequences, two-character escapes, their C1 forms): a colour code leaves nothing,
 *       where removing the ESC alone would leave "[31m"; a hyperlink leaves its visible text.
 *   <li>Every other control character (CR, LF, tab, BEL, BS, DEL, C1) and U+2028/U+2029 become a
 *       space: one value, one line.
 *   <li>Format characters (bidi embeddings, overrides and isolates U+202A–202E, U+2066–2069,
 *       zero-width joiners), lone surrogates and U+FFFE/U+FFFF are dropped.
 *   <li>"section_start:" and "section_end:" get a space before the colon. GitLab opens and closes
 *       sections only where such a marker is followed by CR ESC[0K, which cannot survive the steps
 *       above; breaking the word too keeps the text inert if a marker is ever recognised otherwise.
 * </ul>
 */
public final class SafeText {
  private SafeText() {}

  /** Longest untrusted line printed anywhere in a report, reasons aside. */
  public static final int MAX_LINE = 500;

  /**
   * Longest reason printed: ECS's own limit for a container's reason since 2025-05 (it was 255;
   * botocore 1.38.18, "A short (1024 max characters)"), so a reason always arrives whole.
   */
  public static final int MAX_REASON = 1024;

  private static final int ESC = 0x1b;
  private static final int BEL = 0x07;
  /** C1 forms of CSI, OSC, DCS, SOS, PM, APC, and the string terminator. */
  private static final int C1_CSI = 0x9b;
  private static final int C1_ST = 0x9c;
  private static final Pattern SECTION_MARKER = Pattern.compile("section_(start|end):");

  /** One line, at most {@code max} characters; "" for null. */
  public static String oneLine(String s, int max) {
    String line = Text.oneLine(strip(s), max);
    // Flattening only turns white space into spaces, so the one thing it can undo is a surrogate
    // pair that shortening split before its "…": only then is a second pass needed.
    int cut = line.length() - 2;
    return cut >= 0 && line.charAt(cut + 1) == '…' && Character.isHighSurrogate(line.charAt(cut)) ? strip(line) : line;
  }

  /** One line, at most {@link #MAX_LINE} characters; "" for null. */
  public static String oneLine(String s) {
    return oneLine(s, MAX_LINE);
  }

  /** A reason ECS wrote, whole up to {@link #MAX_REASON} characters, on one line; "" for null. */
  public static String reason(String s) {
    return oneLine(s, MAX_REASON);
  }

  /**
   * Removes escape sequences, replaces every other control character (line breaks and tabs
   * included) by a space, drops format characters, surrogates without their pair and
   * U+FFFE/U+FFFF, and breaks GitLab section markers. Keeps the spacing otherwise, so it serves
   * whole lines of our own text with untrusted parts in them. Null stays null.
   */
  public static String strip(String s) {
    if (s == null) {
      return null;
    }
    if (isPlain(s)) {
      return s; // nothing to remove, replace or break: most reasons, on every item of an archive
    }
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (cp == ESC || cp == C1_CSI || isC1StringIntroducer(cp)) {
        i = afterSequence(s, i);
        continue;
      }
      int type = Character.getType(cp);
      if (type == Character.CONTROL || cp == '\u2028' || cp == '\u2029') {
        b.append(' ');
      } else if (type != Character.FORMAT && type != Character.SURROGATE && cp != 0xFFFE && cp != 0xFFFF) {
        b.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return b.indexOf("section_") < 0 ? b.toString() : SECTION_MARKER.matcher(b).replaceAll("section_$1 :");
  }

  /**
   * Nothing {@link #strip} would change: no control, format or escape character, no surrogate, no
   * U+2028/2029/FFFE/FFFF, and no section marker. Ordinary non-ASCII letters and punctuation (our
   * own "…" and "→", accented reasons) pass without a copy: on an archive most printed lines hold one.
   */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c > 0x7e && !isPlainNonAscii(c))) {
        return false;
      }
    }
    return !s.contains("section_");
  }

  private static boolean isPlainNonAscii(char c) {
    if (c <= 0x9f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029' || c == 0xFFFE || c == 0xFFFF) {
      return false; // DEL and C1, pairs left to the full check, line separators, non-characters
    }
    return Character.getType(c) != Character.FORMAT;
  }

  /**
   * The index after the escape sequence starting at {@code start} (an ESC or a C1 introducer), as
   * ECMA-48 delimits it. A string sequence without its terminator loses only its introducer: the
   * rest is plain text once the ESC is gone, and dropping it would lose what the reader should see.
   */
  private static int afterSequence(String s, int start) {
    int c = s.charAt(start);
    int next = start + 1;
    if (c == C1_CSI) {
      return afterControlSequence(s, next);
    }
    if (c != ESC) {
      return afterString(s, next);
    }
    if (next >= s.length()) {
      return next;
    }
    int kind = s.charAt(next);
    if (kind == '[') {
      return afterControlSequence(s, next + 1);
    }
    if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') {
      return afterString(s, next + 1);
    }
    int i = next;
    while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2f) {
      i++; // intermediate bytes, e.g. ESC ( B
    }
    if (i < s.length() && s.charAt(i) >= 0x30 && s.charAt(i) <= 0x7e) {
      return i + 1;
    }
    return next; // not a sequence: drop the ESC alone
  }

  /** CSI: parameter and intermediate bytes (0x20–0x3F), then one final byte (0x40–0x7E). */
  private static int afterControlSequence(String s, int i) {
    while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x3f) {
      i++;
    }
    return i < s.length() && s.charAt(i) >= 0x40 && s.charAt(i) <= 0x7e ? i + 1 : i;
  }

  /** OSC, DCS, SOS, PM, APC: anything up to BEL, ESC \ or C1 ST. */
  private static int afterString(String s, int i) {
    for (int j = i; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == BEL || c == C1_ST) {
        return j + 1;
      }
      if (c == ESC) {
        return j + 1 < s.length() && s.charAt(j + 1) == '\\' ? j + 2 : j;
      }
    }
    return i;
  }

  /** DCS, SOS, OSC, PM, APC in their C1 form. */
  private static boolean isC1StringIntroducer(int cp) {
    return cp == 0x90 || cp == 0x98 || cp == 0x9d || cp == 0x9e || cp == 0x9f;
  }
}
