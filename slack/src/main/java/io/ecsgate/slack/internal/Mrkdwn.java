package io.ecsgate.slack.internal;

import java.util.regex.Pattern;

/**
 * The one place untrusted text becomes Slack text. Slack reads {@code <...>} as a link, a user or
 * channel mention or {@code <!channel>}, and {@code &} starts an entity; so every untrusted string
 * has {@code &}, {@code <} and {@code >} written as {@code &amp;}, {@code &lt;} and {@code &gt;}
 * (https://docs.slack.dev/messaging/formatting-message-text#escaping). Control characters become
 * spaces and invisible format characters (bidi overrides, zero-width joiners) are dropped, so one
 * value is one line and cannot start a quote or a list. Links are only made here, from URLs our
 * code built, with an escaped label.
 */
public final class Mrkdwn {
  private Mrkdwn() {}

  /** Appended where text was shortened. */
  public static final String ELLIPSIS = "…";

  private static final Pattern SCHEME = Pattern.compile("^https?://[^\\s]+$", Pattern.CASE_INSENSITIVE);

  /** One line of untrusted text, escaped for mrkdwn, at most {@code max} characters once escaped; "" for null. */
  public static String text(String untrusted, int max) {
    return cut(escape(oneLine(untrusted)), max);
  }

  /** Escapes {@code &}, {@code <} and {@code >}; keeps line breaks (callers flatten first when they must). */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Text for a {@code plain_text} object (the header): one line, no markup is read there, but it
   * gets the same three escapes so that no Slack surface can turn it into a mention.
   */
  public static String plain(String untrusted, int max) {
    return text(untrusted, max);
  }

  /**
   * Untrusted text for inside a code block: escaped, one line, and with backticks replaced by a
   * look-alike (U+02CB) so that it cannot close the block.
   */
  public static String code(String untrusted, int max) {
    return text(untrusted == null ? null : untrusted.replace('`', '\u02cb'), max);
  }

  /**
   * A link {@code <url|label>}, or the escaped label alone when the URL is not an http(s) URL.
   * The URL comes from our own code (console links, CI_JOB_URL); it is still made safe: characters
   * that would end the link or the label are percent-encoded, and {@code &} is escaped as Slack asks.
   */
  public static String link(String url, String label) {
    String safeLabel = text(label, 200);
    if (url == null || !SCHEME.matcher(url).matches() || hasControl(url)) {
      return safeLabel;
    }
    String safeUrl = url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E").replace("&", "&amp;");
    return "<" + safeUrl + "|" + safeLabel + ">";
  }

  /** Whether a string is usable as a link target. */
  public static boolean isLink(String url) {
    return url != null && SCHEME.matcher(url).matches() && !hasControl(url);
  }

  /**
   * Shortens already-escaped text to at most {@code max} characters, ending with "…", without
   * splitting an entity ({@code &amp;}) or a surrogate pair.
   */
  public static String cut(String escaped, int max) {
    if (escaped.length() <= max) {
      return escaped;
    }
    int end = Math.max(0, max - ELLIPSIS.length());
    int amp = escaped.lastIndexOf('&', end - 1);
    if (amp >= 0 && escaped.indexOf(';', amp) >= end) {
      end = amp; // the cut would land inside "&amp;", "&lt;" or "&gt;"
    }
    if (end > 0 && Character.isHighSurrogate(escaped.charAt(end - 1))) {
      end--;
    }
    return escaped.substring(0, end) + ELLIPSIS;
  }

  /**
   * Replaces control characters (line breaks and tabs included) by spaces, drops format
   * characters, lone surrogates and U+FFFE/U+FFFF, collapses runs of spaces and trims.
   */
  public static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.CONTROL || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        space = b.length() > 0;
      } else if (type != Character.FORMAT && type != Character.SURROGATE && cp != 0xFFFE && cp != 0xFFFF) {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.appendCodePoint(cp);
      }
    }
    return b.toString();
  }

  private static boolean hasControl(String s) {
    return s.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL
        || Character.getType(cp) == Character.FORMAT || Character.isWhitespace(cp));
  }
}
