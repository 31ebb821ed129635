package io.ecsgate.cli;

import java.io.PrintWriter;
import java.util.Map;

/** The gate's command line, run in-process for the lambda's end-to-end tests (Main.run is package-private). */
public final class GateCliRun {
  private GateCliRun() {}

  public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    return Main.run(env, out, err, args);
  }
}
