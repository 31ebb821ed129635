package io.ecsgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.ServerException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskStopCode;

/** The AWS SDK for Java v2 as an independent client: every operation parses, errors map to types. */
class EcsSdkIT {
  private static final ManualClock CLOCK = ManualClock.startingAt(Instant.parse("2026-03-02T09:00:00Z"));
  private static EcsSimulator sim;
  private static EcsClient ecs;
  private static EcsClient ecsWithoutRetries;
  private static CloudWatchLogsClient logs;

  @BeforeAll
  static void start() {
    sim = EcsSimulator.start(SimulatorOptions.defaults().clock(CLOCK));
    ecs = SdkClients.ecs(sim.endpoint(), true);
    ecsWithoutRetries = SdkClients.ecs(sim.endpoint(), false);
    logs = SdkClients.logs(sim.endpoint());
  }

  @AfterAll
  static void stop() {
    ecs.close();
    ecsWithoutRetries.close();
    logs.close();
    sim.close();
  }

  @AfterEach
  void clearFaults() {
    sim.faults().clear();
  }

  private static Service describe(String cluster, String service) {
    return ecs.describeServices(r -> r.cluster(cluster).services(service)).services().get(0);
  }

  @Test
  void everyOperationParses() {
    LoadedService loaded = sim.load(Scenarios.named("crash-loop"), "sdk", "web");

    TaskDefinition next = ecs.describeTaskDefinition(r -> r.taskDefinition("web:2")).taskDefinition();
    assertThat(next.taskDefinitionArn()).isEqualTo(loaded.nextTaskDefinitionArn());
    ContainerDefinition app = next.containerDefinitions().get(0);
    assertThat(app.logConfiguration().logDriver()).isEqualTo(LogDriver.AWSLOGS);
    assertThat(app.logConfiguration().options()).containsEntry("awslogs-group", "/ecs/web")
        .containsEntry("awslogs-stream-prefix", "ecs").containsEntry("awslogs-region", "us-east-1");
    assertThat(next.registeredAt()).isBefore(CLOCK.instant());

    ContainerDefinition container = ContainerDefinition.builder().name("app").image("app:2.5.0").essential(true)
        .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(java.util.Map.of(
            "awslogs-group", "/ecs/web", "awslogs-region", "us-east-1", "awslogs-stream-prefix", "ecs")))
        .build();
    TaskDefinition registered = ecs.registerTaskDefinition(r -> r.family("web").containerDefinitions(container))
        .taskDefinition();
    assertThat(registered.revision()).isEqualTo(3);

    Service updated = ecs.updateService(r -> r.cluster("sdk").service("web").taskDefinition(loaded.nextTaskDefinitionArn()))
        .service();
    Deployment started = updated.deployments().get(0);
    assertThat(started.rolloutState()).isEqualTo(DeploymentRolloutState.IN_PROGRESS);
    assertThat(started.id()).matches("ecs-svc/\\d{19}");

    CLOCK.advance(Duration.ofMinutes(3));

    Service service = describe("sdk", "web");
    assertThat(service.deployments()).hasSize(2);
    assertThat(service.deployments().get(0).failedTasks()).as("they ran before they exited: not failed tasks to the breaker").isZero();
    assertThat(service.deploymentConfiguration().deploymentCircuitBreaker().enable()).isFalse();
    assertThat(service.events().get(0).createdAt()).isAfter(started.createdAt()).isBeforeOrEqualTo(CLOCK.instant());
    assertThat(service.launchType()).isEqualTo(LaunchType.FARGATE);

    List<String> stoppedArns = ecs.listTasksPaginator(r -> r.cluster("sdk").serviceName("web")
            .desiredStatus(DesiredStatus.STOPPED).maxResults(1))
        .taskArns().stream().collect(Collectors.toList());
    assertThat(stoppedArns).hasSizeGreaterThanOrEqualTo(4);

    List<Task> stopped = ecs.describeTasks(r -> r.cluster("sdk").tasks(stoppedArns)).tasks();
    assertThat(stopped).hasSize(stoppedArns.size()).allSatisfy(task -> {
      assertThat(task.stopCode()).isEqualTo(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
      assertThat(task.startedBy()).isEqualTo(started.id());
      assertThat(task.group()).isEqualTo("service:web");
      assertThat(task.stoppingAt()).isAfter(task.startedAt());
      assertThat(task.containers().get(0).exitCode()).isEqualTo(1);
    });

    String taskId = stopped.get(0).taskArn().replaceAll(".*/", "");
    GetLogEventsResponse events = logs.getLogEvents(r -> r.logGroupName("/ecs/web")
        .logStreamName("ecs/app/" + taskId).startFromHead(true));
    assertThat(events.events()).extracting(OutputLogEvent::message)
        .anySatisfy(m -> assertThat(m).contains("Could not resolve placeholder 'PAYMENT_API_URL'"));
    assertThat(events.events().get(0).timestamp()).isGreaterThanOrEqualTo(stopped.get(0).startedAt().toEpochMilli());
  }

  @Test
  void aTaskThatNeverStartedHasNoExitCode() {
    sim.load(Scenarios.named("image-pull"), "sdk-pull", "web");
    ecs.updateService(r -> r.cluster("sdk-pull").service("web").taskDefinition("web:2"));
    CLOCK.advance(Duration.ofSeconds(60));

    List<String> arns = ecs.listTasks(r -> r.cluster("sdk-pull").desiredStatus(DesiredStatus.STOPPED)).taskArns();
    Task task = ecs.describeTasks(r -> r.cluster("sdk-pull").tasks(arns)).tasks().get(0);
    assertThat(task.stopCode()).isEqualTo(TaskStopCode.TASK_FAILED_TO_START);
    assertThat(task.startedAt()).isNull();
    Container container = task.containers().get(0);
    assertThat(container.exitCode()).isNull();
    assertThat(container.reason()).startsWith("CannotPullContainerError: pull image manifest has been retried 5 time(s)");
  }

  @Test
  void errorsMapToTheSdkExceptionTypes() {
    sim.load(Scenarios.named("missing-service"), "sdk-missing", "web");
    sim.load(Scenarios.named("inactive-service"), "sdk-missing", "old");
    sim.load(Scenarios.named("healthy"), "sdk-missing", "live");

    assertThatThrownBy(() -> ecs.describeServices(r -> r.cluster("nope").services("web")))
        .isInstanceOfSatisfying(ClusterNotFoundException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cluster not found.");
        });
    DescribeServicesResponse missing = ecs.describeServices(r -> r.cluster("sdk-missing").services("web"));
    assertThat(missing.services()).isEmpty();
    assertThat(missing.failures().get(0).reason()).isEqualTo("MISSING");
    assertThatThrownBy(() -> ecs.updateService(r -> r.cluster("sdk-missing").service("web").forceNewDeployment(true)))
        .isInstanceOf(ServiceNotFoundException.class);
    assertThatThrownBy(() -> ecs.updateService(r -> r.cluster("sdk-missing").service("old").forceNewDeployment(true)))
        .isInstanceOf(ServiceNotActiveException.class);
    assertThatThrownBy(() -> ecs.describeTaskDefinition(r -> r.taskDefinition("nope:1")))
        .isInstanceOf(ClientException.class);
    assertThatThrownBy(() -> ecs.describeServices(r -> r.cluster("sdk-missing")
            .services("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> logs.getLogEvents(r -> r.logGroupName("/ecs/web").logStreamName("ecs/app/nope")))
        .isInstanceOf(software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class);

    sim.faults().throttleEvery(1, "ListTasks");
    assertThatThrownBy(() -> ecsWithoutRetries.listTasks(r -> r.cluster("sdk-missing")))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> {
          assertThat(e.isThrottlingException()).isTrue();
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
        });
    sim.faults().clear().serverErrorEvery(1, "DescribeTaskDefinition").unavailableEvery(1, "DescribeTasks")
        .denyAccess("DescribeServices");
    assertThatThrownBy(() -> ecsWithoutRetries.describeTaskDefinition(r -> r.taskDefinition("web")))
        .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    assertThatThrownBy(() -> ecsWithoutRetries.describeTasks(r -> r.cluster("sdk-missing").tasks("x")))
        .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
    assertThatThrownBy(() -> ecsWithoutRetries.describeServices(r -> r.cluster("sdk-missing").services("live")))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void theSdkRetriesInjectedThrottlingAndServerErrors() {
    sim.load(Scenarios.named("healthy"), "sdk-retry", "web");
    int before = sim.faults().injectedCount();
    // Requests 3, 5 and 6 fail; no call fails three times in a row, the SDK's default attempt limit.
    sim.faults().throttleEvery(3, "DescribeServices").serverErrorEvery(5, "DescribeServices");

    for (int i = 0; i < 5; i++) {
      assertThat(describe("sdk-retry", "web").runningCount()).isEqualTo(2);
    }

    assertThat(sim.faults().injectedCount() - before).isEqualTo(3);
  }

  @Test
  void theSdkWaiterAlsoTakesTheRollbackForSuccess() {
    try (EcsSimulator fast = EcsSimulator.start(SimulatorOptions.defaults().timeScale(0.01));
        EcsClient client = SdkClients.ecs(fast.endpoint(), true)) {
      fast.load(Scenarios.named("healthy"), "waiters", "healthy");
      fast.load(Scenarios.named("circuit-breaker-rollback"), "waiters", "rollback");
      fast.load(Scenarios.named("missing-service"), "waiters", "gone");
      String healthy = client.updateService(r -> r.cluster("waiters").service("healthy").taskDefinition("healthy:2"))
          .service().deployments().get(0).id();
      String failing = client.updateService(r -> r.cluster("waiters").service("rollback").taskDefinition("rollback:2"))
          .service().deployments().get(0).id();

      WaiterResponse<DescribeServicesResponse> healthyDone = waitUntilStable(client, "healthy");
      WaiterResponse<DescribeServicesResponse> rollbackDone = waitUntilStable(client, "rollback");

      assertThat(healthyDone.matched().response().orElseThrow().services().get(0).deployments())
          .singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(healthy));
      assertThat(rollbackDone.matched().response().orElseThrow().services().get(0).deployments())
          .singleElement().satisfies(d -> {
            assertThat(d.id()).as("stable, but not on the deployment we started").isNotEqualTo(failing);
            assertThat(d.taskDefinition()).endsWith("task-definition/rollback:1");
          });
      assertThatThrownBy(() -> waitUntilStable(client, "gone"))
          .isInstanceOf(SdkClientException.class).hasMessageContaining("failure state");
    }
  }

  private static WaiterResponse<DescribeServicesResponse> waitUntilStable(EcsClient client, String service) {
    return client.waiter().waitUntilServicesStable(r -> r.cluster("waiters").services(service),
        o -> o.maxAttempts(400).backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(25)))
            .waitTimeout(Duration.ofSeconds(20)));
  }
}
