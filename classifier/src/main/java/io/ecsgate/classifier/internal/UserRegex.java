package io.ecsgate.classifier.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Compiles a regex a user wrote (a rules file's {@code regex:}) for RE2/J, which matches in time
 * linear in the text: no pattern can make a rule hang on a long reason or overflow the stack, as
 * Java's backtracking engine does on {@code (.*a){12}$} or {@code ^(\w+\s?)*$}.
 *
 * <p>Linear in the text still means proportional to the compiled program, and counted repetitions
 * multiply it ({@code ((a{1000}){1000}){1000}} would need a billion instructions and exhausts the
 * heap while compiling). So the program's size is estimated from the text first and checked again
 * once compiled, and nesting is bounded, since RE2/J's compiler recurses once per level.
 */
public final class UserRegex {
  /** Far above any reason-matching regex ({@code [0-9a-f]{32}} is about 40); small enough to match fast. */
  static final int MAX_PROGRAM_SIZE = 10_000;
  static final int MAX_NESTING = 100;

  private UserRegex() {}

  /** A regex this engine cannot or will not run; the message says why in one line. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message);
    }
  }

  public static Pattern compile(String regex) throws Invalid {
    RegexSize size = RegexSize.of(regex);
    if (size.depth() > MAX_NESTING) {
      throw new Invalid("regular expression nested more than " + MAX_NESTING + " groups deep");
    }
    if (size.estimate() > MAX_PROGRAM_SIZE) {
      throw tooLarge(size.estimate());
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new Invalid("invalid regular expression: " + e.getDescription() + ": `" + e.getPattern() + "`"
          + (isPerlOnly(e.getDescription()) ? UNSUPPORTED : ""));
    } catch (StackOverflowError e) {
      throw new Invalid("regular expression nested too deeply to compile");
    }
    if (pattern.programSize() > MAX_PROGRAM_SIZE) {
      throw tooLarge(pattern.programSize());
    }
    return pattern;
  }

  private static final String UNSUPPORTED = " (regexes run on RE2, in linear time: backreferences, lookahead,"
      + " lookbehind and possessive quantifiers are not supported)";

  private static boolean isPerlOnly(String description) {
    return description.contains("escape sequence") || description.contains("Perl syntax")
        || description.contains("repetition operator") || description.contains("named capture");
  }

  private static Invalid tooLarge(long size) {
    return new Invalid("regular expression too large: about " + size + " instructions, more than the limit of "
        + MAX_PROGRAM_SIZE + " (counted repetitions such as {1000} multiply what they repeat)");
  }
}
