package io.ecsgate.diagnosis;

import io.ecsgate.diagnosis.AwsSettings;
import io.ecsgate.diagnosis.EcsClients;
import io.ecsgate.sim.EcsSimulator;
import io.ecsgate.sim.SimulatorOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * A simulator running 100 times faster than real time, and the gate's own SDK clients aimed at it
 * (dummy credentials through the SDK's system-property provider, as the CLI would find them).
 */
public final class SimulatedAws implements AutoCloseable {
  public final EcsSimulator sim;
  public final EcsClients clients;

  private SimulatedAws(EcsSimulator sim, EcsClients clients) {
    this.sim = sim;
    this.clients = clients;
  }

  public static SimulatedAws start() {
    useDummyCredentials();
    EcsSimulator sim = EcsSimulator.start(SimulatorOptions.defaults().timeScale(0.01));
    return new SimulatedAws(sim, EcsClients.from(new AwsSettings("us-east-1", null, sim.endpoint())));
  }

  /** The SDK's default chain reads these first; nothing real is ever used in tests. */
  public static void useDummyCredentials() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  /** Starts a deployment of the service's next revision; returns its id. */
  public String deploy(String cluster, String service) {
    return clients.ecs().updateService(r -> r.cluster(cluster).service(service).taskDefinition(service + ":2"))
        .service().deployments().get(0).id();
  }

  /** Polls until the condition holds; fails after {@code timeout} of real time. */
  /** Waits (with a deadline) until the deployment has at least {@code n} stopped tasks. */
  public void awaitStoppedTasks(String cluster, String service, String deployment, int n) {
    io.ecsgate.diagnosis.EcsReads reads = new io.ecsgate.diagnosis.EcsReads(clients.ecs());
    await(n + " stopped tasks of " + service, Duration.ofSeconds(30), () ->
        reads.stoppedTasks(cluster, reads.stoppedTaskArns(cluster, service)).stream().filter(t -> deployment.equals(t.startedBy()))
            .filter(t -> "STOPPED".equals(t.lastStatus())).count() >= n);
  }

  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  @Override
  public void close() {
    clients.close();
    sim.close();
  }
}
