package io.ecsgate.classifier.properties;

import java.util.Random;
import java.util.function.Function;

/**
 * Runs a property on generated inputs: a small stand-in for a property-testing library (see
 * package-info for why there is none). Every run draws a new seed, so each build explores new
 * inputs; a failure names the seed and the input, and {@code -Dproperties.seed=N} replays it.
 */
public final class Tries {
  static final long SEED = Long.getLong("properties.seed", new Random().nextLong());

  private Tries() {}

  public interface Property<T> {
    void check(T input) throws Exception;
  }

  /** Checks {@code property} on {@code tries} inputs made by {@code generate}, the first failure failing the test. */
  public static <T> void forAll(int tries, Function<Random, T> generate, Property<T> property) {
    Random random = new Random(SEED);
    for (int i = 0; i < tries; i++) {
      T input = generate.apply(random);
      try {
        property.check(input);
      } catch (Exception | AssertionError | StackOverflowError e) {
        throw new AssertionError("property failed on try " + (i + 1) + " of " + tries + " (seed " + SEED
            + "; replay with -Dproperties.seed=" + SEED + ")\ninput: " + describe(input) + "\nfailure: " + e, e);
      }
    }
  }

  private static String describe(Object input) {
    String s = String.valueOf(input);
    return s.length() <= 3000 ? s : s.substring(0, 3000) + "… (" + s.length() + " characters)";
  }
}
