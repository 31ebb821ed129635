package io.ecsgate.sim;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a simulator until killed:
 * {@code java -cp ... io.ecsgate.sim.EcsSimulatorMain --port 0 --scenario crash-loop}.
 * Prints the endpoint and how to reach it. {@code --list} prints the scenarios and {@code --help}
 * the usage, and both exit 0. Exit codes: 2 for bad arguments, 1 when the port cannot be bound.
 */
public final class EcsSimulatorMain {
  private static final String USAGE =
      "usage: EcsSimulatorMain [--port N] [--scenario NAME] [--cluster NAME] [--service NAME] [--time-scale X] [--list]";

  private EcsSimulatorMain() {}

  /**
   * What {@link #start} did: the exit code, and whether a simulator now serves (then main waits
   * until the process is killed, else it exits with the code: --list and mistakes end at once).
   */
  record Outcome(int exitCode, boolean serving) {
    static Outcome done(int exitCode) {
      return new Outcome(exitCode, false);
    }
  }

  public static void main(String[] args) throws InterruptedException {
    Outcome outcome = start(System.out, System.err, args);
    if (!outcome.serving()) {
      System.out.flush();
      System.exit(outcome.exitCode());
    }
    new CountDownLatch(1).await();
  }

  /** As {@link #start}, for tests: the exit code. */
  static int run(PrintStream out, PrintStream err, String... args) {
    return start(out, err, args).exitCode();
  }

  /** Starts the simulator (left running) and prints where it is, or lists the scenarios. */
  static Outcome start(PrintStream out, PrintStream err, String... args) {
    SimulatorOptions options = SimulatorOptions.defaults();
    String scenario = "healthy";
    String cluster = "demo-cluster";
    String service = "web";
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-h":
          case "--help":
            out.println(USAGE);
            return Outcome.done(0);
          case "--list":
            for (String name : Scenarios.names()) {
              out.println(Scenarios.named(name));
            }
            return Outcome.done(0);
          case "--port":
            options = options.port(Integer.parseInt(value(args, ++i, arg)));
            break;
          case "--time-scale":
            options = options.timeScale(Double.parseDouble(value(args, ++i, arg)));
            break;
          case "--scenario":
            scenario = value(args, ++i, arg);
            break;
          case "--cluster":
            cluster = value(args, ++i, arg);
            break;
          case "--service":
            service = value(args, ++i, arg);
            break;
          default:
            throw new IllegalArgumentException("unknown argument " + arg);
        }
      }
      Scenario chosen = Scenarios.named(scenario);
      EcsSimulator sim = EcsSimulator.start(options);
      Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "ecs-sim-shutdown"));
      LoadedService loaded = sim.load(chosen, cluster, service);
      out.println("endpoint=" + sim.endpoint());
      out.println("scenario=" + chosen);
      out.println("cluster=" + cluster + " service=" + service + " region=" + sim.region());
      out.println("next task definition=" + loaded.nextTaskDefinitionArn());
      out.println("try: AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws ecs update-service --endpoint-url "
          + sim.endpoint() + " --region " + sim.region() + " --cluster " + cluster + " --service " + service
          + " --task-definition " + loaded.nextTaskDefinitionArn());
      out.flush();
      return new Outcome(0, true);
    } catch (IllegalArgumentException e) {
      err.println("failed to start the simulator: " + e.getMessage());
      err.println(USAGE);
      return Outcome.done(2);
    } catch (UncheckedIOException e) {
      err.println(e.getMessage());
      return Outcome.done(1);
    }
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[index];
  }
}
