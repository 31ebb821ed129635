package io.ecsgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

class ConflictBackoffTest {
  private final List<Duration> waits = new ArrayList<>();
  private final ConflictBackoff backoff = new ConflictBackoff(waits::add);

  @Test
  void aWriteMeetingATransactionIsTriedAgainUntilItGoesThrough() {
    AtomicInteger calls = new AtomicInteger();

    String result = backoff.write(() -> {
      if (calls.incrementAndGet() <= 3) {
        throw TransactionConflictException.builder().message("held by a transaction").build();
      }
      return "written";
    });

    assertThat(result).isEqualTo("written");
    assertThat(calls).hasValue(4);
    assertThat(waits).hasSize(3);
  }

  @Test
  void aWriteThatNeverGetsThroughFailsAfterTheLastAttemptAndWaitsStayBounded() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> backoff.write(() -> {
      calls.incrementAndGet();
      throw TransactionConflictException.builder().message("held by a transaction").build();
    })).isInstanceOf(TransactionConflictException.class);

    assertThat(calls).hasValue(ConflictBackoff.MAX_ATTEMPTS);
    assertThat(waits).hasSize(ConflictBackoff.MAX_ATTEMPTS - 1);
    for (int i = 0; i < waits.size(); i++) {
      long bound = Math.min(ConflictBackoff.CAP.toMillis(), ConflictBackoff.BASE.toMillis() << i);
      assertThat(waits.get(i).toMillis()).as("wait %s", i + 1).isBetween(1L, bound);
    }
  }

  @Test
  void otherErrorsAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> backoff.write(() -> {
      calls.incrementAndGet();
      throw new IllegalArgumentException("not a conflict");
    })).isInstanceOf(IllegalArgumentException.class);

    assertThat(calls).hasValue(1);
    assertThat(waits).isEmpty();
  }
}
