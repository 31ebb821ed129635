package io.ecsgate.diagnosis.testing;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * moto_server (an independently written AWS emulator) on a free loopback port, started and stopped
 * by the test. Readiness is polled with a deadline, never assumed after a sleep.
 */
public final class MotoServer implements AutoCloseable {
  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static MotoServer start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("moto", ".log");
    Process p = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    MotoServer server = new MotoServer(p, endpoint);
    server.awaitReady(Duration.ofSeconds(30), log);
    return server;
  }

  public URI endpoint() {
    return endpoint;
  }

  private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("moto_server exited: " + Files.readString(log));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        if (c.getResponseCode() > 0) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet: poll again
      }
      Thread.onSpinWait();
      process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    close();
    throw new IOException("moto_server did not answer within " + timeout);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
