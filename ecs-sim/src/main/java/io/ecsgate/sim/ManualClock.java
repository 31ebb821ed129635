package io.ecsgate.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when told to: pass it to {@link SimulatorOptions#clock(Clock)} and the
 * simulator's state at a request depends only on where this clock stands, so tests need no sleeps.
 * Thread-safe.
 */
public final class ManualClock extends Clock {
  private volatile Instant now;

  private ManualClock(Instant start) {
    this.now = start;
  }

  /** A clock standing at {@code start} until moved. */
  public static ManualClock startingAt(Instant start) {
    return new ManualClock(start);
  }

  /** Moves the clock forward by {@code step} (never backwards). */
  public synchronized ManualClock advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("a manual clock only moves forward: " + step);
    }
    now = now.plus(step);
    return this;
  }

  /** Moves the clock forward by a number of (simulated) seconds. */
  public ManualClock advanceSeconds(double seconds) {
    return advance(Duration.ofMillis(Math.round(seconds * 1000)));
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a manual clock is always UTC");
  }
}
