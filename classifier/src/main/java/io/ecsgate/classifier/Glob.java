package io.ecsgate.classifier;

import java.util.regex.Pattern;

/** A shell-style glob: {@code *} any run of characters, {@code ?} one character; whole-string match. */
public final class Glob {
  private final String text;
  private final Pattern pattern;

  public Glob(String text) {
    this.text = text;
    StringBuilder regex = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  public boolean matches(String value) {
    return value != null && pattern.matcher(value).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
