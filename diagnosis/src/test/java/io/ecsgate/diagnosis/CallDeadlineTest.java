package io.ecsgate.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** An endpoint that stops answering: calls end by the deadline, and none is sent after it. */
class CallDeadlineTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger received = new AtomicInteger();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      received.incrementAndGet();
      try {
        release.await(); // never answers until the test ends
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private EcsClients clients(CallDeadline deadline) {
    return EcsClients.from(new AwsSettings("us-east-1", null,
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))), deadline);
  }

  @Test
  void aCallThatDoesNotAnswerEndsAtTheDeadlineNotAfterTheSdksMinute() {
    // A clock that stands still: each call is given the whole 1.5 s however long a loaded machine
    // takes to build the client, and the SDK's own timer ends it (a real clock made this flaky).
    Instant now = Instant.now();
    try (EcsClients c = clients(CallDeadline.at(now.plusMillis(1500), Clock.fixed(now, java.time.ZoneOffset.UTC)))) {
      // Hang guard only: without the deadline this call waits the SDK's 60 s.
      assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
          assertThatThrownBy(() -> c.ecs().listClusters()).isInstanceOf(ApiCallTimeoutException.class));
    }
    assertThat(received.get()).isPositive();
  }

  @Test
  void aCallAfterTheDeadlineFailsAtOnceWithoutReachingTheEndpoint() {
    try (EcsClients c = clients(CallDeadline.at(Instant.now().minusSeconds(1), Clock.systemUTC()))) {
      assertThatThrownBy(() -> c.ecs().listClusters())
          .isInstanceOf(SdkClientException.class)
          .hasMessageContaining("--timeout reached");
      assertThatThrownBy(() -> c.logs().describeLogGroups()).hasMessageContaining("--timeout reached");
    }
    assertThat(received.get()).isZero();
  }

  @Test
  void withoutADeadlineEachCallHasTheSdkMinute() {
    assertThat(CallDeadline.none().left()).isEqualTo(CallDeadline.MAX_CALL);
  }
}
