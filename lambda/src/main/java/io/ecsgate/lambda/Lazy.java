package io.ecsgate.lambda;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value made once, on first use, by whichever thread asks first; a second thread asking while it
 * is being made waits for it rather than making another. Each lazy has its own lock, so waiting for
 * one client never waits for another being built beside it.
 */
final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> make;
  private T value;

  Lazy(Supplier<T> make) {
    this.make = make;
  }

  @Override
  public synchronized T get() {
    if (value == null) {
      value = make.get();
    }
    return value;
  }

  /** Passes the value to {@code use} if it was made; never makes it. */
  synchronized void ifMade(Consumer<T> use) {
    if (value != null) {
      use.accept(value);
    }
  }
}
