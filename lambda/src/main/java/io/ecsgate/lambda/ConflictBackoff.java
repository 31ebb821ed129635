package io.ecsgate.lambda;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Waits out DynamoDB transaction conflicts. While a transaction holds an item, DynamoDB rejects
 * other writes to it at once (a transaction is cancelled with reason {@code TransactionConflict},
 * a single write fails with {@link TransactionConflictException}) instead of queueing them, and the
 * SDK retries neither. A crash loop's invocations all write one incident item, so they meet: each
 * waits a short, growing, jittered time and tries again.
 */
final class ConflictBackoff {
  static final int MAX_ATTEMPTS = 12;
  static final Duration BASE = Duration.ofMillis(10);
  static final Duration CAP = Duration.ofMillis(500);

  private final IncidentPublisher.Pause pause;

  ConflictBackoff() {
    this(d -> Thread.sleep(d.toMillis()));
  }

  ConflictBackoff(IncidentPublisher.Pause pause) {
    this.pause = pause;
  }

  /** Runs a single-item write, again while a transaction holds its item, at most MAX_ATTEMPTS times. */
  <T> T write(Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (TransactionConflictException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        backOff(attempt);
      }
    }
  }

  /** Full jitter: a random wait of at least 1 ms and at most BASE·2^(attempt-1), capped at CAP. */
  void backOff(int attempt) {
    long bound = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(attempt - 1, 16));
    try {
      pause.pause(Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(bound)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting out a DynamoDB transaction conflict", e);
    }
  }
}
