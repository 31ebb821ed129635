package io.ecsgate.sim.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time that starts at the real time of creation and runs {@code 1 / timeScale} times as
 * fast as real time: with a time scale of 0.01, one real second is 100 simulated seconds.
 */
public final class ScaledClock extends Clock {
  private final long originMillis;
  private final long originNanos;
  private final double timeScale;

  public ScaledClock(double timeScale) {
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("timeScale must be a positive number: " + timeScale);
    }
    this.originMillis = System.currentTimeMillis();
    this.originNanos = System.nanoTime();
    this.timeScale = timeScale;
  }

  @Override
  public long millis() {
    double realMillis = (System.nanoTime() - originNanos) / 1_000_000.0;
    return originMillis + (long) Math.floor(realMillis / timeScale);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a scaled clock is always UTC");
  }
}
