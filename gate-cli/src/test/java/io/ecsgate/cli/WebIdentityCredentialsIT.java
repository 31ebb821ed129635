package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ecsgate.diagnosis.testing.ExternalTool;
import io.ecsgate.diagnosis.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitLab's keyless path to AWS: with only AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE set (what an
 * `id_tokens:` job exports), the real jar gets credentials from STS AssumeRoleWithWebIdentity
 * (moto's STS here) and reaches ECS with them. Without any credentials it cannot gate, at once.
 */
class WebIdentityCredentialsIT {
  private static MotoServer moto;

  @TempDir Path dir;

  @BeforeAll
  static void startMoto() throws Exception {
    assumeTrue(ExternalTool.onPath("moto_server"), "needs moto_server on PATH");
    moto = MotoServer.start();
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  record Run(int exitCode, String out, String err) {}

  private Run gate(Map<String, String> env) throws Exception {
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "ecs-gate.jar").toString(), "wait", "--cluster", "no-such-cluster",
        "--service", "web", "--endpoint-url", moto.endpoint().toString(), "--timeout", "20s")
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void noRegionAnywhereIsOneLineSayingHowToSetOneAndExit3() throws Exception {
    Path out = dir.resolve("out-region");
    Path err = dir.resolve("err-region");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "ecs-gate.jar").toString(), "deploy", "--cluster", "prod", "--service", "web")
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    pb.environment().put("AWS_CONFIG_FILE", dir.resolve("none").toString());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(Files.readString(err)).isEqualTo(3);
    assertThat(Files.readString(err)).isEqualTo("ecs-gate: failed to deploy web: no AWS region: set AWS_REGION (or"
        + " AWS_DEFAULT_REGION), pass --region, or give the profile a region\n");
  }

  @Test
  void webIdentityTokenIsExchangedAtStsAndUsedForEcs() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6Z3JvdXAvYXBwIn0.c2ln");

    Run run = gate(Map.of("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/gitlab-deployer",
        "AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(), "AWS_ENDPOINT_URL_STS", moto.endpoint().toString()));

    // ECS answered (the cluster does not exist): the call was signed with the STS credentials.
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    assertThat(run.out()).contains("cluster no-such-cluster not found");
    assertThat(run.out() + run.err()).as("the token is never printed").doesNotContain("eyJhbGci");
  }

  @Test
  void webIdentityNeedsSts() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");

    Run run = gate(Map.of("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/gitlab-deployer",
        "AWS_WEB_IDENTITY_TOKEN_FILE", token.toString(), "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1"));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).contains("no AWS credentials");
  }

  @Test
  void noCredentialsAtAllCannotGateAtOnce() throws Exception {
    Run run = gate(Map.of());

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).contains("no AWS credentials").contains("AWS_WEB_IDENTITY_TOKEN_FILE");
    assertThat(List.of(run.out(), run.err())).noneMatch(s -> s.contains("Exception"));
  }
}
