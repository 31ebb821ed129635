package io.ecsgate.sim.internal;

import io.ecsgate.sim.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** The rules behind {@link Faults}; thread-safe. */
public final class FaultInjector implements Faults {
  /** What the rules decided for one request: a delay, and an error or null. */
  public record Decision(Duration delay, ApiException error) {}

  private enum Kind { THROTTLE, SERVER_ERROR, UNAVAILABLE, DENY, LATENCY }

  private static final class Rule {
    final Kind kind;
    final Set<String> operations;
    final int every;
    final double fraction;
    final Duration delay;
    long matched;

    Rule(Kind kind, String[] operations, int every, double fraction, Duration delay) {
      this.kind = kind;
      this.operations = Set.of(operations);
      this.every = every;
      this.fraction = fraction;
      this.delay = delay;
    }

    boolean matches(String operation) {
      return operations.isEmpty() || operations.contains(operation);
    }
  }

  private final List<Rule> rules = new ArrayList<>();
  private final Random random;
  private int injected;

  public FaultInjector(long seed) {
    this.random = new Random(seed);
  }

  private synchronized Faults add(Rule rule) {
    rules.add(rule);
    return this;
  }

  private static int positive(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    return n;
  }

  @Override
  public Faults throttleEvery(int n, String... operations) {
    return add(new Rule(Kind.THROTTLE, operations, positive(n), 0, null));
  }

  @Override
  public Faults throttleFraction(double fraction, String... operations) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be within 0..1: " + fraction);
    }
    return add(new Rule(Kind.THROTTLE, operations, 0, fraction, null));
  }

  @Override
  public Faults serverErrorEvery(int n, String... operations) {
    return add(new Rule(Kind.SERVER_ERROR, operations, positive(n), 0, null));
  }

  @Override
  public Faults unavailableEvery(int n, String... operations) {
    return add(new Rule(Kind.UNAVAILABLE, operations, positive(n), 0, null));
  }

  @Override
  public Faults denyAccess(String... operations) {
    return add(new Rule(Kind.DENY, operations, 1, 0, null));
  }

  @Override
  public Faults latency(Duration delay, String... operations) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    return add(new Rule(Kind.LATENCY, operations, 0, 0, delay));
  }

  @Override
  public synchronized Faults clear() {
    rules.clear();
    return this;
  }

  @Override
  public synchronized int injectedCount() {
    return injected;
  }

  /** Applies the rules to one request for {@code operation} ({@code service} names the API). */
  public synchronized Decision decide(String service, String operation) {
    Duration delay = Duration.ZERO;
    ApiException error = null;
    for (Rule rule : rules) {
      if (!rule.matches(operation)) {
        continue;
      }
      rule.matched++;
      if (rule.kind == Kind.LATENCY) {
        delay = delay.plus(rule.delay);
        continue;
      }
      boolean fires = rule.every > 0 ? rule.matched % rule.every == 0 : random.nextDouble() < rule.fraction;
      if (fires && error == null) {
        error = errorFor(rule.kind, service, operation);
      }
    }
    if (error != null) {
      injected++;
    }
    return new Decision(delay, error);
  }

  private static ApiException errorFor(Kind kind, String service, String operation) {
    switch (kind) {
      case THROTTLE:
        return ApiException.client("ThrottlingException", "Rate exceeded");
      case SERVER_ERROR:
        return new ApiException(500, "ServerException", "Service Unavailable. Please try again later.");
      case UNAVAILABLE:
        return new ApiException(503, "ServiceUnavailableException", "Service Unavailable");
      case DENY:
        return ApiException.client("AccessDeniedException", "User: arn:aws:sts::" + Arns.ACCOUNT
            + ":assumed-role/deployer/ecs-gate is not authorized to perform: " + service + ":" + operation
            + " because no identity-based policy allows the " + service + ":" + operation + " action");
      default:
        throw new IllegalStateException("not an error: " + kind);
    }
  }
}
