package io.ecsgate.classifier;

/**
 * A shell-style glob: {@code *} any run of characters, {@code ?} one character; whole-string match.
 *
 * <p>Globs come from users (rules files, the Lambda's routes and sweep settings) and are matched
 * against names ECS or an event supplies, so matching must not be open to a pattern that explodes:
 * a regex translation backtracks for minutes on {@code *a*a*a*a*a*a*a*a*a*a*b} against a long name.
 * This is the greedy two-pointer wildcard algorithm instead: on a mismatch it only moves back to
 * just after the last {@code *}, so it runs in O(pattern × value) at worst, with no recursion.
 * It works on code points, so {@code ?} is one character even outside the BMP.
 */
public final class Glob {
  private final String text;
  private final int[] pattern;

  public Glob(String text) {
    this.text = text;
    this.pattern = text.codePoints().toArray();
  }

  public boolean matches(String value) {
    return value != null && matches(pattern, value.codePoints().toArray());
  }

  private static boolean matches(int[] p, int[] s) {
    int pi = 0;
    int si = 0;
    int star = -1; // position of the last '*' seen in the pattern
    int resume = 0; // where in the value that '*' would let the match resume
    while (si < s.length) {
      if (pi < p.length && p[pi] == '*') {
        star = pi++;
        resume = si;
      } else if (pi < p.length && (p[pi] == '?' || p[pi] == s[si])) {
        pi++;
        si++;
      } else if (star >= 0) {
        // Let the last '*' swallow one more character; earlier stars never need revisiting.
        pi = star + 1;
        si = ++resume;
      } else {
        return false;
      }
    }
    while (pi < p.length && p[pi] == '*') {
      pi++;
    }
    return pi == p.length;
  }

  @Override
  public String toString() {
    return text;
  }
}
