package io.ecsgate.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job's commands the way a shell-executor runner does: before_script then script in one
 * shell that stops at the first failing command ({@code set -e}, plus {@code pipefail} in bash),
 * with the job's variables in the environment and {@code ecs-gate} on PATH as the image's wrapper
 * script around the jar the reactor just built. The environment is otherwise clean: dummy static
 * AWS keys, no AWS config files, no {@code CI_JOB_TIMEOUT}.
 */
final class JobRunner {
  static final Path JAR = CiFiles.REPO.resolve("gate-cli/target/ecs-gate.jar");

  record Result(int exitCode, String output, Path workDir) {
    String file(String name) {
      return CiFiles.read(workDir.resolve(name));
    }
  }

  private final Path workDir;
  private final Map<String, String> env = new LinkedHashMap<>();

  JobRunner() throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: build gate-cli first (./mvnw install builds it before this module)");
    }
    workDir = Files.createTempDirectory("ecs-gate-job");
    env.put("PATH", CiFiles.MODULE.resolve("docker") + ":" + Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
    env.put("HOME", workDir.toString());
    env.put("TMPDIR", workDir.toString());
    env.put("ECS_GATE_JAR", JAR.toString());
    env.put("CI", "true");
    env.put("GITLAB_CI", "true");
    env.put("CI_JOB_ID", "4242");
    env.put("CI_PROJECT_ID", "7");
    env.put("CI_SERVER_URL", "https://gitlab.example.com");
    env.put("AWS_ACCESS_KEY_ID", "AKIDSTATICTEST");
    env.put("AWS_SECRET_ACCESS_KEY", "static-secret-test");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
  }

  JobRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Path workDir() {
    return workDir;
  }

  /** Runs the job's before_script and script with bash. */
  Result run(Map<String, Object> composed, Map<String, Object> job) throws Exception {
    return run("bash", Pipelines.variablesOf(composed, job), Pipelines.scriptOf(job));
  }

  /** Runs commands with the given shell (bash, or dash for a POSIX sh like the image's). */
  Result run(String shell, Map<String, String> jobVariables, List<String> commands) throws Exception {
    Map<String, String> environment = new LinkedHashMap<>(env);
    jobVariables.forEach((k, v) -> environment.put(k, GitlabCiSchema.expand(v, new LinkedHashMap<>(environment))));
    String prelude = shell.equals("bash") ? "set -eo pipefail\n" : "set -e\n";
    Path script = workDir.resolve("job.sh");
    Files.writeString(script, prelude + String.join("\n", commands) + "\n");
    Path output = workDir.resolve("job.log");
    ProcessBuilder pb = new ProcessBuilder(shell, script.toString())
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    pb.environment().clear();
    pb.environment().putAll(environment);
    Process p = pb.start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the job did not end within 90 s:\n" + Files.readString(output));
    }
    return new Result(p.exitValue(), Files.readString(output), workDir);
  }
}
