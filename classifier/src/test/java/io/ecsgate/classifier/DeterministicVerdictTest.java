package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which failures retrying cannot fix: the gate fails a deployment at the first such task. The same
 * reason family can go either way: a secret the role may not read is deterministic, the same
 * secret out of network reach is not (a NAT gateway may come back).
 */
class DeterministicVerdictTest {
  private static final StopClassifier CLASSIFIER = StopClassifier.withDefaults();

  private static Verdict failedToStart(String reason) {
    return CLASSIFIER.classify(StoppedTask.builder().taskArn("arn:aws:ecs:us-east-1:1:task/prod/abc").cluster("prod")
        .group("service:web").lastStatus("STOPPED").desiredStatus("STOPPED").stopCode("TaskFailedToStart")
        .stoppedReason(reason).stoppedAt(Instant.parse("2026-06-01T00:00:00Z"))
        .containers(List.of(new ContainerExit("app", null, reason, "STOPPED", true, "app"))).build());
  }

  @ParameterizedTest(name = "{1}: {0}")
  @CsvSource(delimiter = '|', value = {
      "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/app:missing: not found | true",
      "CannotPullContainerError: pull access denied for app, repository does not exist or may require 'docker login': denied | true",
      "CannotPullContainerError: pull image manifest has been retried 7 time(s): image Manifest does not contain descriptor matching platform 'linux/amd64' | true",
      "ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secret from asm: AccessDeniedException: not authorized to perform: secretsmanager:GetSecretValue | true",
      "CannotStartContainerError: Error response from daemon: failed to create shim task: OCI runtime create failed: exec: \"/app/start.sh\": stat /app/start.sh: no such file or directory: unknown | true",
      "ResourceInitializationError: unable to pull secrets or registry auth: failed to fetch secret from secrets manager: RequestError: send request failed caused by: dial tcp 10.0.12.7:443: i/o timeout | false",
      "CannotPullContainerError: pull image manifest has been retried 5 time(s): toomanyrequests: You have reached your pull rate limit | false",
      "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 5 time(s): RequestError: send request failed caused by: Post https://api.ecr.... | false",
      "CannotStartContainerError: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container process caused: container init was OOM-killed (memory limit too low?): unknown | false",
      "CannotPullContainerError: ref pull has been retried 5 time(s): failed to copy: httpReadSeeker: failed open: failed to do request: dial tcp 52.0.0.1:443: i/o timeout | false"})
  void onlyCausesARetryCannotFixAreDeterministic(String reason, boolean deterministic) {
    Verdict v = failedToStart(reason);

    assertThat(v.alert()).isTrue();
    assertThat(v.deterministic()).as(v.rule()).isEqualTo(deterministic);
  }
}
