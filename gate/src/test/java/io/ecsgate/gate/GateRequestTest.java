package io.ecsgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateRequestTest {
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");

  private static GateRequest timeout(Duration t) {
    return new GateRequest("c", List.of("s"), null, Duration.ofSeconds(5), t, 0, 0, false,
        GateRequest.DEFAULT_PLACEMENT_GRACE, null);
  }

  @ParameterizedTest(name = "--timeout {0}: polls end {1} in")
  @CsvSource({"PT20S, PT16S", "PT15M, PT14M30S", "PT2M, PT1M36S", "PT0.9S, PT0.72S"})
  void pollingStopsAFifthOfTheTimeoutAtMost30sBeforeItsEnd(Duration timeout, Duration pollsEnd) {
    assertThat(timeout(timeout).pollsEndAt(START)).isEqualTo(START.plus(pollsEnd));
  }

  @ParameterizedTest(name = "{0} reads {1}")
  @CsvSource({"PT15M, 15m", "PT90S, 90s", "PT0.3S, 300ms", "PT1.5S, 1500ms", "PT2M, 2m"})
  void timeoutsReadAsTheyAreWritten(Duration d, String words) {
    assertThat(DeploymentGate.format(d)).isEqualTo(words);
  }
}
