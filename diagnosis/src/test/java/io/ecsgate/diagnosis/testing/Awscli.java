package io.ecsgate.diagnosis.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The machine's awscli pointed at a local endpoint, with dummy credentials and no config files, so
 * nothing a developer has configured leaks in and nothing real is called.
 */
public final class Awscli {
  private final URI endpoint;

  public Awscli(URI endpoint) {
    this.endpoint = endpoint;
  }

  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs {@code aws ARGS... --endpoint-url E --output json} and fails the test on a non-zero exit. */
  public String ok(String... args) throws IOException, InterruptedException {
    Result r = run(args);
    if (r.exitCode() != 0) {
      throw new AssertionError("aws " + String.join(" ", args) + " exited " + r.exitCode() + ": " + r.stderr());
    }
    return r.stdout();
  }

  public Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("aws"));
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.remove("AWS_PROFILE");
    env.remove("AWS_SESSION_TOKEN");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("aws " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
