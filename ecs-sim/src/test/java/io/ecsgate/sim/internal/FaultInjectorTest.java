package io.ecsgate.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  private static List<String> outcomes(FaultInjector faults, String operation, int requests) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      ApiException error = faults.decide("ecs", operation).error();
      out.add(error == null ? "ok" : error.status() + " " + error.type());
    }
    return out;
  }

  @Test
  void throttlesEveryNthRequestOfTheNamedOperationOnly() {
    FaultInjector faults = new FaultInjector(1);
    faults.throttleEvery(3, "DescribeServices");

    assertThat(outcomes(faults, "DescribeServices", 6))
        .containsExactly("ok", "ok", "400 ThrottlingException", "ok", "ok", "400 ThrottlingException");
    assertThat(outcomes(faults, "ListTasks", 6)).containsOnly("ok");
    assertThat(faults.injectedCount()).isEqualTo(2);
  }

  @Test
  void serverFaultsAndDenialsCarryTheirStatus() {
    FaultInjector faults = new FaultInjector(1);
    faults.serverErrorEvery(2, "DescribeTasks").unavailableEvery(3, "DescribeTasks").denyAccess("GetLogEvents");

    assertThat(outcomes(faults, "DescribeTasks", 3))
        .containsExactly("ok", "500 ServerException", "503 ServiceUnavailableException");
    ApiException denied = faults.decide("logs", "GetLogEvents").error();
    assertThat(denied.type()).isEqualTo("AccessDeniedException");
    assertThat(denied.getMessage()).contains("is not authorized to perform: logs:GetLogEvents");
  }

  @Test
  void fractionIsRoughlyHonouredAndRepeatable() {
    FaultInjector first = new FaultInjector(7);
    FaultInjector second = new FaultInjector(7);
    first.throttleFraction(0.3);
    second.throttleFraction(0.3);

    List<String> outcomes = outcomes(first, "DescribeServices", 1000);
    long throttled = outcomes.stream().filter(o -> !o.equals("ok")).count();
    assertThat(throttled).isBetween(240L, 360L);
    assertThat(outcomes(second, "DescribeServices", 1000)).isEqualTo(outcomes);
  }

  @Test
  void latenciesAddUpAndClearRemovesEverything() {
    FaultInjector faults = new FaultInjector(1);
    faults.latency(Duration.ofMillis(20)).latency(Duration.ofMillis(30), "ListTasks").throttleEvery(1);

    FaultInjector.Decision decision = faults.decide("ecs", "ListTasks");
    assertThat(decision.delay()).isEqualTo(Duration.ofMillis(50));
    assertThat(faults.decide("ecs", "DescribeTasks").delay()).isEqualTo(Duration.ofMillis(20));

    faults.clear();
    assertThat(faults.decide("ecs", "ListTasks")).isEqualTo(new FaultInjector.Decision(Duration.ZERO, null));
  }
}
