package io.ecsgate.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.diagnosis.testing.MotoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;

/**
 * Task definitions read from moto_server (an ECS written by others): their essential flags reach
 * the verdict, each revision is read once and the cache stays bounded, and a definition that
 * cannot be read leaves the verdict to the offline rule with one warning.
 */
class EcsReadsTaskDefinitionIT {
  private static MotoServer moto;
  private static EcsClient ecs;
  private static final AtomicInteger describes = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    ecs = EcsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof DescribeTaskDefinitionRequest) {
              describes.incrementAndGet();
            }
          }
        }))
        .build();
  }

  @AfterAll
  static void stop() {
    ecs.close();
    moto.close();
  }

  private static String register(String family, ContainerDefinition... containers) {
    return ecs.registerTaskDefinition(b -> b.family(family).containerDefinitions(containers))
        .taskDefinition().taskDefinitionArn();
  }

  /** An init container that exited 0 before the essential app was SIGKILLed without a reason. */
  private static StoppedTask initThenKilledApp(String taskDefinitionArn) {
    return StoppedTask.builder()
        .taskArn("arn:aws:ecs:us-east-1:123456789012:task/jobs/0123456789abcdef0123456789abcdef")
        .taskDefinitionArn(taskDefinitionArn).group("family:report")
        .lastStatus("STOPPED").desiredStatus("STOPPED")
        .stopCode("EssentialContainerExited").stoppedReason("Essential container in task exited")
        .container(new ContainerExit("init", 0, null, "STOPPED", null, null))
        .container(new ContainerExit("app", 137, null, "STOPPED", null, null))
        .build();
  }

  @Test
  void theDefinitionsFlagsDecideAndEachRevisionIsReadOnce() {
    String arn = register("report",
        ContainerDefinition.builder().name("init").image("busybox").memory(64).essential(false).build(),
        ContainerDefinition.builder().name("app").image("report:1").memory(256).build()); // no flag: essential
    List<String> warnings = new ArrayList<>();
    EcsReads reads = new EcsReads(ecs, warnings::add);
    StopClassifier classifier = StopClassifier.withDefaults();
    int before = describes.get();

    Verdict offline = classifier.classify(initThenKilledApp(arn));
    StoppedTask known = reads.withEssentialFlags(initThenKilledApp(arn));
    Verdict exact = classifier.classify(known);
    reads.withEssentialFlags(initThenKilledApp(arn));

    assertThat(offline.alert()).as("offline, the init container's 0 reads as a finished job").isFalse();
    assertThat(known.containers()).extracting(ContainerExit::essential).containsExactly(false, true);
    assertThat(exact.alert()).isTrue();
    assertThat(exact.evidence().container()).isEqualTo("app");
    assertThat(exact.evidence().exitCode()).isEqualTo(137);
    assertThat(describes.get() - before).as("DescribeTaskDefinition calls").isEqualTo(1);
    assertThat(warnings).isEmpty();
  }

  @Test
  void aDefinitionThatCannotBeReadLeavesTheOfflineVerdictAndIsSaidOnce() {
    List<String> warnings = new ArrayList<>();
    EcsReads reads = new EcsReads(ecs, warnings::add);
    String missing = "arn:aws:ecs:us-east-1:123456789012:task-definition/never-registered:7";

    StoppedTask first = reads.withEssentialFlags(initThenKilledApp(missing));
    StoppedTask second = reads.withEssentialFlags(initThenKilledApp(missing));

    assertThat(first).isEqualTo(initThenKilledApp(missing));
    assertThat(second).isEqualTo(initThenKilledApp(missing));
    assertThat(StopClassifier.withDefaults().classify(first).rule()).isEqualTo("default:completed.sidecars-stopped");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).startsWith("ecs-gate: warning: cannot read task definition " + missing)
        .contains("offline rule");
  }

  @Test
  void theCacheKeepsTheMostRecentlyUsedRevisionsOnly() {
    EcsReads reads = new EcsReads(ecs, w -> {});
    ContainerDefinition web = ContainerDefinition.builder().name("web").image("web:1").memory(128).build();
    String first = register("many", web);
    reads.taskDefinition(first);
    List<String> others = new ArrayList<>();
    for (int i = 0; i < EcsReads.MAX_DEFINITIONS; i++) {
      others.add(register("many", web));
      reads.taskDefinition(others.get(i));
      reads.taskDefinition(first); // used again each time: stays while older ones go
    }
    int before = describes.get();

    reads.taskDefinition(first);
    int afterRecent = describes.get();
    reads.taskDefinition(others.get(0));

    assertThat(reads.cachedDefinitions()).isEqualTo(EcsReads.MAX_DEFINITIONS);
    assertThat(afterRecent - before).as("the most recently used revision is still cached").isZero();
    assertThat(describes.get() - afterRecent).as("the least recently used one was dropped and is read again").isEqualTo(1);
  }
}
