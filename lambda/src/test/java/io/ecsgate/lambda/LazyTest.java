package io.ecsgate.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The clients a cold start builds ahead ({@link HeadStart}) are each made once, whoever asks first. */
class LazyTest {
  @Test
  void aValueAskedForByTwoThreadsWhileItIsMadeIsMadeOnce() throws Exception {
    AtomicInteger made = new AtomicInteger();
    CountDownLatch making = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Lazy<Object> lazy = new Lazy<>(() -> {
      made.incrementAndGet();
      making.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Object();
    });
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Object> first = threads.submit(lazy::get);
      assertThat(making.await(10, TimeUnit.SECONDS)).isTrue();
      Future<Object> second = threads.submit(lazy::get);
      release.countDown();
      assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
      assertThat(made).hasValue(1);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aValueThatFailedToBeMadeIsTriedAgainByTheNextAsker() {
    AtomicInteger tries = new AtomicInteger();
    Lazy<String> lazy = new Lazy<>(() -> {
      if (tries.incrementAndGet() == 1) {
        throw new IllegalStateException("no region");
      }
      return "client";
    });
    assertThatThrownBy(lazy::get).hasMessage("no region"); // on the head start's thread: swallowed there
    assertThat(lazy.get()).as("the main thread's own try").isEqualTo("client");
    assertThat(tries).hasValue(2);
  }

  @Test
  void closingTouchesOnlyWhatWasMade() {
    AtomicInteger made = new AtomicInteger();
    Lazy<String> lazy = new Lazy<>(() -> "client " + made.incrementAndGet());
    List<String> closed = new ArrayList<>();
    lazy.ifMade(closed::add);
    assertThat(closed).isEmpty();
    assertThat(made).as("ifMade never makes").hasValue(0);
    lazy.get();
    lazy.ifMade(closed::add);
    assertThat(closed).containsExactly("client 1");
  }
}
