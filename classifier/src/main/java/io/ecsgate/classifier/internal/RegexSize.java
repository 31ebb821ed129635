package io.ecsgate.classifier.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An estimate of the size of the program RE2/J would compile a regex to, and of its nesting, read
 * from the text: every atom counts one, a group counts its content plus two, and {@code {n,m}}
 * multiplies the atom or group before it by its larger bound. It errs on the large side and
 * saturates instead of overflowing; RE2/J itself rejects what is not valid syntax.
 */
record RegexSize(long estimate, int depth) {
  private static final long CAP = 1L << 40;

  static RegexSize of(String re) {
    Deque<long[]> outer = new ArrayDeque<>(); // {sum, last} of each enclosing group
    long sum = 0;
    long last = 0;
    int depth = 0;
    int i = 0;
    while (i < re.length()) {
      char c = re.charAt(i);
      int next = i + 1;
      long atom = 1;
      boolean isAtom = true;
      switch (c) {
        case '\\' -> next = endOfEscape(re, i);
        case '[' -> next = endOfClass(re, i);
        case '(' -> {
          outer.push(new long[] {sum, last});
          depth = Math.max(depth, outer.size());
          sum = 0;
          last = 0;
          isAtom = false;
        }
        case ')' -> {
          atom = Math.min(CAP, sum + 2);
          if (!outer.isEmpty()) {
            long[] o = outer.pop();
            sum = o[0];
          }
        }
        case '{' -> {
          int close = re.indexOf('}', i);
          long bound = close < 0 ? -1 : repeatBound(re.substring(i + 1, close));
          if (bound >= 0) {
            sum = Math.min(CAP, sum + multiply(last, Math.max(bound, 1) - 1));
            last = multiply(last, Math.max(bound, 1));
            next = close + 1;
            isAtom = false;
          }
        }
        case '*', '+', '?', '|', '^', '$' -> isAtom = c == '|' || c == '^' || c == '$';
        default -> { }
      }
      if (isAtom) {
        sum = Math.min(CAP, sum + atom);
        last = atom;
      }
      i = next;
    }
    while (!outer.isEmpty()) {
      sum = Math.min(CAP, sum + outer.pop()[0]);
    }
    return new RegexSize(sum, depth);
  }

  /** The larger bound of {@code n}, {@code n,} or {@code n,m}; -1 when it is not a repetition (then '{' is literal). */
  private static long repeatBound(String inside) {
    String[] parts = inside.split(",", -1);
    if (parts.length > 2 || parts[0].isEmpty() || !digits(parts[0]) || (parts.length == 2 && !digits(parts[1]))) {
      return -1;
    }
    long bound = 0;
    for (String p : parts) {
      if (!p.isEmpty()) {
        bound = Math.max(bound, p.length() > 6 ? CAP : Long.parseLong(p));
      }
    }
    return parts.length == 2 && parts[1].isEmpty() ? bound + 1 : bound;
  }

  private static boolean digits(String s) {
    return s.chars().allMatch(Character::isDigit);
  }

  private static long multiply(long a, long b) {
    return a == 0 || b <= CAP / a ? Math.min(CAP, a * b) : CAP;
  }

  /** After {@code \x}, {@code \x{...}}, {@code \p{...}} or a {@code \Q...\E} block (each counted as one atom). */
  private static int endOfEscape(String re, int i) {
    if (i + 1 >= re.length()) {
      return re.length();
    }
    char e = re.charAt(i + 1);
    if (e == 'Q') {
      int end = re.indexOf("\\E", i + 2);
      return end < 0 ? re.length() : end + 2;
    }
    if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < re.length() && re.charAt(i + 2) == '{') {
      int end = re.indexOf('}', i + 2);
      return end < 0 ? re.length() : end + 1;
    }
    return i + 2;
  }

  /** After a character class: a ']' right after '[' or '[^' is literal; '[:alpha:]' nests. */
  private static int endOfClass(String re, int i) {
    int j = i + 1;
    if (j < re.length() && re.charAt(j) == '^') {
      j++;
    }
    if (j < re.length() && re.charAt(j) == ']') {
      j++;
    }
    while (j < re.length()) {
      char c = re.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (c == '[' && j + 1 < re.length() && re.charAt(j + 1) == ':') {
        int end = re.indexOf(":]", j + 2);
        j = end < 0 ? j + 1 : end + 2;
      } else if (c == ']') {
        return j + 1;
      } else {
        j++;
      }
    }
    return re.length();
  }
}
