package io.ecsgate.sim.internal;

import java.util.Random;
import java.util.UUID;

/** Identifiers shaped like ECS's, from a seeded generator so that runs repeat. */
final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final Random random;

  Ids(long seed) {
    this.random = new Random(seed);
  }

  /** A task id: 32 lowercase hex digits. */
  String taskId() {
    return hex(32);
  }

  /** A deployment id: {@code ecs-svc/} and 19 digits. */
  String deploymentId() {
    StringBuilder digits = new StringBuilder("ecs-svc/").append(1 + random.nextInt(9));
    for (int i = 0; i < 18; i++) {
      digits.append(random.nextInt(10));
    }
    return digits.toString();
  }

  String uuid() {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  String hex(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(HEX[random.nextInt(16)]);
    }
    return out.toString();
  }

  int between(int lowInclusive, int highExclusive) {
    return lowInclusive + random.nextInt(highExclusive - lowInclusive);
  }
}
