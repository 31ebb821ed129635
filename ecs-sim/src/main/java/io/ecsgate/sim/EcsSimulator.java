package io.ecsgate.sim;

import com.sun.net.httpserver.HttpServer;
import io.ecsgate.sim.internal.Engine;
import io.ecsgate.sim.internal.FaultInjector;
import io.ecsgate.sim.internal.HttpFront;
import io.ecsgate.sim.internal.ScaledClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ECS and CloudWatch Logs endpoint on 127.0.0.1 that speaks AWS JSON 1.1, driven by scripted
 * scenarios. Point an AWS SDK or the AWS CLI at {@link #endpoint()} with any credentials.
 *
 * <pre>{@code
 * try (EcsSimulator sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(0.01))) {
 *   sim.load(Scenarios.named("crash-loop"), "demo-cluster", "web");
 *   sim.faults().throttleEvery(3, "DescribeServices");
 *   URI endpoint = sim.endpoint();
 * }
 * }</pre>
 *
 * <p>State is derived from the simulated clock when a request arrives; there are no background
 * threads besides the HTTP server's.
 */
public final class EcsSimulator implements AutoCloseable {
  private final Engine engine;
  private final FaultInjector faults;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI endpoint;

  private EcsSimulator(Engine engine, FaultInjector faults, HttpServer server, ExecutorService executor) {
    this.engine = engine;
    this.faults = faults;
    this.server = server;
    this.executor = executor;
    this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Starts listening; close the simulator to stop. */
  public static EcsSimulator start(SimulatorOptions options) {
    Clock clock = options.clock() != null ? options.clock() : new ScaledClock(options.timeScale());
    Engine engine = new Engine(clock, options.region(), options.seed());
    FaultInjector faults = new FaultInjector(options.seed());
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "ecs-sim-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    // The JDK's HttpServer leaves Nagle's algorithm on unless this is set before its first server
    // starts: every answer then waits for the client's delayed ACK, about 40 ms on Linux, which
    // makes a gate polling every 50 ms (and the conformance walk's thousands of calls) crawl.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("failed to start the ECS simulator on port " + options.port() + ": " + e.getMessage(), e);
    }
    server.createContext("/", new HttpFront(engine, faults));
    server.setExecutor(executor);
    server.start();
    return new EcsSimulator(engine, faults, server, executor);
  }

  /**
   * Seeds {@code cluster} (created if new) with {@code service} as the scenario describes: a task
   * definition family named after the service with a running and a next revision (revisions add up
   * when services in several clusters share a name), and (unless the scenario is
   * {@code missing-service}) the service running the first.
   *
   * @throws IllegalArgumentException if the cluster already has that service
   */
  public LoadedService load(Scenario scenario, String cluster, String service) {
    Engine.Seeded seeded;
    synchronized (engine) {
      seeded = engine.load(scenario.spec(), cluster, service);
    }
    return new LoadedService(seeded.clusterArn(), seeded.serviceArn(), seeded.taskDefinitionArn(), seeded.nextTaskDefinitionArn());
  }

  /** The fault rules in front of every request. */
  public Faults faults() {
    return faults;
  }

  /** {@code http://127.0.0.1:<port>}: the endpoint for both ECS and CloudWatch Logs. */
  public URI endpoint() {
    return endpoint;
  }

  public String region() {
    return engine.region();
  }

  /** The simulated present. */
  public Instant now() {
    synchronized (engine) {
      return Instant.ofEpochMilli(engine.sync());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
