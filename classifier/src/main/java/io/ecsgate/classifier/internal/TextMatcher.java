package io.ecsgate.classifier.internal;

import com.google.re2j.Pattern;

/**
 * One way to match a reason text: {@code prefix}, {@code contains} (both case-insensitive, since
 * ECS has changed the case of its messages over time), {@code equals}, or a {@code regex} found
 * anywhere in the text, run on RE2/J so that it takes linear time whatever the user wrote (see
 * {@link UserRegex}).
 */
public record TextMatcher(Kind kind, String value, Pattern regex) {

  public enum Kind { PREFIX, CONTAINS, EQUALS, REGEX }

  /** @throws UserRegex.Invalid for a regex RE2 cannot run (backreferences, lookaround) or one too large */
  public static TextMatcher of(Kind kind, String value) throws UserRegex.Invalid {
    return new TextMatcher(kind, value, kind == Kind.REGEX ? UserRegex.compile(value) : null);
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
