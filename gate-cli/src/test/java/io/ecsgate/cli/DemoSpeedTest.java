package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The demo's --speed: as fast as the verdicts stay true, and a clear line beyond. */
class DemoSpeedTest {

  private static int demo(StringWriter out, StringWriter err, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(new PrintWriter(out), new PrintWriter(err), all);
  }

  @Test
  void aSpeedAtWhichVerdictsWouldChangeIsAUsageError() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = demo(out, err, "--speed", "3000");

    assertThat(code).isEqualTo(64);
    assertThat(err.toString().strip()).contains("--speed must be above 0 and at most 100, not 3000")
        .doesNotContain("\n").doesNotContain("0s (--timeout)");
  }

  @Test
  void theFastestSpeedStillFailsTheCrashLoop() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code = demo(out, err, "--speed", "100", "--scenario", "crash-loop");

    assertThat(code).as(err.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("FAILED");
  }
}
