package io.ecsgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EcsSimulatorMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return EcsSimulatorMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  @Test
  void listsEveryScenarioAndLeavesNothingServing() {
    assertThat(EcsSimulatorMain.start(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "--list")).isEqualTo(new EcsSimulatorMain.Outcome(0, false));
    String listing = out.toString(StandardCharsets.UTF_8);
    for (String name : Scenarios.names()) {
      assertThat(listing).contains(name + ": ");
    }
  }

  @Test
  void helpPrintsTheUsageAndStartsNothing() {
    assertThat(EcsSimulatorMain.start(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), "--help")).isEqualTo(new EcsSimulatorMain.Outcome(0, false));
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: EcsSimulatorMain");
  }

  @Test
  void refusesAnUnknownScenarioWithUsage() {
    assertThat(run("--scenario", "nope")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("failed to start the simulator: no scenario named 'nope'")
        .contains("usage: EcsSimulatorMain");
  }

  @Test
  void refusesAFlagWithoutItsValue() {
    assertThat(run("--port")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port needs a value");
  }
}
