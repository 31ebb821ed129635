package io.ecsgate.sim;

import java.time.Clock;

/**
 * How to start an {@link EcsSimulator}. Immutable; each setter returns a changed copy.
 *
 * <p>Time: scenarios are written in simulated seconds. By default simulated time runs at real
 * speed from the moment the simulator starts; {@link #timeScale(double)} 0.01 makes it run 100
 * times faster. A {@link #clock(Clock) clock} (such as a {@link ManualClock}) replaces both.
 */
public final class SimulatorOptions {
  private final int port;
  private final double timeScale;
  private final Clock clock;
  private final String region;
  private final long seed;

  private SimulatorOptions(int port, double timeScale, Clock clock, String region, long seed) {
    this.port = port;
    this.timeScale = timeScale;
    this.clock = clock;
    this.region = region;
    this.seed = seed;
  }

  /** An ephemeral port on 127.0.0.1, real-time speed, us-east-1, seed 1. */
  public static SimulatorOptions defaults() {
    return new SimulatorOptions(0, 1.0, null, "us-east-1", 1L);
  }

  /** The port to listen on (127.0.0.1); 0 picks a free one. */
  public SimulatorOptions port(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    return new SimulatorOptions(port, timeScale, clock, region, seed);
  }

  /** Real seconds per simulated second: 0.01 runs scenarios 100 times faster than real time. */
  public SimulatorOptions timeScale(double timeScale) {
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException("timeScale must be a positive number: " + timeScale);
    }
    return new SimulatorOptions(port, timeScale, clock, region, seed);
  }

  /** Simulated time from this clock instead (a {@link ManualClock} in unit tests). */
  public SimulatorOptions clock(Clock clock) {
    return new SimulatorOptions(port, timeScale, clock, region, seed);
  }

  /** The region in ARNs and awslogs options. */
  public SimulatorOptions region(String region) {
    return new SimulatorOptions(port, timeScale, clock, region, seed);
  }

  /** Seeds the ids and random fault decisions, so runs repeat. */
  public SimulatorOptions seed(long seed) {
    return new SimulatorOptions(port, timeScale, clock, region, seed);
  }

  public int port() {
    return port;
  }

  public double timeScale() {
    return timeScale;
  }

  /** The clock set with {@link #clock(Clock)}, or null. */
  public Clock clock() {
    return clock;
  }

  public String region() {
    return region;
  }

  public long seed() {
    return seed;
  }
}
