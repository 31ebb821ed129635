package io.ecsgate.classifier.internal;

import java.util.regex.Pattern;

/**
 * One way to match a reason text: {@code prefix}, {@code contains} (both case-insensitive, since
 * ECS has changed the case of its messages over time), {@code equals}, or a Java {@code regex}
 * found anywhere in the text.
 */
public record TextMatcher(Kind kind, String value, Pattern regex) {

  public enum Kind { PREFIX, CONTAINS, EQUALS, REGEX }

  public static TextMatcher of(Kind kind, String value) {
    return new TextMatcher(kind, value, kind == Kind.REGEX ? Pattern.compile(value) : null);
  }

  public boolean matches(String text) {
    if (text == null) {
      return false;
    }
    return switch (kind) {
      case PREFIX -> Text.lower(text).startsWith(Text.lower(value));
      case CONTAINS -> Text.lower(text).contains(Text.lower(value));
      case EQUALS -> text.equals(value);
      case REGEX -> regex.matcher(text).find();
    };
  }
}
