package io.ecsgate.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.report.DiagnosedTask;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.diagnosis.EcsReads;
import io.ecsgate.sim.Scenarios;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Diagnoser over HTTP against the simulator: real SDK calls, real scenarios. */
class DiagnoserIT {
  private static final String CLUSTER = "diag";
  private static SimulatedAws aws;
  private static Diagnoser diagnoser;

  @BeforeAll
  static void start() {
    aws = SimulatedAws.start();
    diagnoser = new Diagnoser(new EcsReads(aws.clients.ecs()), aws.clients.logs(), StopClassifier.withDefaults(),
        aws.clients.region());
  }

  @AfterAll
  static void stop() {
    diagnoser.close();
    aws.close();
  }

  @AfterEach
  void clearFaults() {
    aws.sim.faults().clear();
  }

  /** Loads the scenario, deploys, and waits until the deployment has {@code n} stopped tasks. */
  private static String failingDeployment(String scenario, String service, int n) {
    aws.sim.load(Scenarios.named(scenario), CLUSTER, service);
    String deployment = aws.deploy(CLUSTER, service);
    EcsReads reads = new EcsReads(aws.clients.ecs());
    SimulatedAws.await(n + " stopped tasks of " + service, Duration.ofSeconds(30), () ->
        reads.stoppedTasks(CLUSTER, reads.stoppedTaskArns(CLUSTER, service)).stream().filter(t -> deployment.equals(t.startedBy()))
            .filter(t -> "STOPPED".equals(t.lastStatus())).count() >= n);
    return deployment;
  }

  @Test
  void aCrashLoopIsAnAppExitWithItsExitCodeAndTheLastLogLines() {
    String deployment = failingDeployment("crash-loop", "crash", 2);

    ServiceDiagnosis d = diagnoser.diagnose(CLUSTER, "crash", deployment, null);

    assertThat(d.byCategory().keySet()).first().isEqualTo(Category.APP_EXIT);
    assertThat(d.tasks()).isNotEmpty().allSatisfy(t -> {
      assertThat(t.task().startedBy()).isEqualTo(deployment);
      assertThat(t.taskConsoleUrl()).startsWith("https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/diag/tasks/"
          + t.task().taskId());
    });
    DiagnosedTask newest = d.tasks().get(0);
    assertThat(newest.verdict().category()).isEqualTo(Category.APP_EXIT);
    assertThat(newest.verdict().evidence().exitCode()).isEqualTo(1);
    assertThat(newest.logTail()).hasSizeLessThanOrEqualTo(20)
        .anySatisfy(line -> assertThat(line).contains("Could not resolve placeholder 'PAYMENT_API_URL'"))
        .allSatisfy(line -> assertThat(line).doesNotContain("\t", "\n"));
    assertThat(newest.logNote()).isNull();
    assertThat(newest.logConsoleUrl()).isEqualTo("https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1"
        + "#logsV2:log-groups/log-group/$252Fecs$252Fcrash/log-events/ecs$252Fapp$252F" + newest.task().taskId());
    assertThat(d.tasks().subList(1, d.tasks().size())).as("one log tail per category")
        .allSatisfy(t -> assertThat(t.logTail()).isEmpty());
    assertThat(d.events()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
    assertThat(d.events()).isSortedAccordingTo((a, b) -> b.createdAt().compareTo(a.createdAt()));
    assertThat(d.serviceConsoleUrl()).isEqualTo(
        "https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/diag/services/crash/events?region=us-east-1");
  }

  @Test
  void anImagePullFailureHasNoLogTailAndSaysWhy() {
    String deployment = failingDeployment("image-pull", "pull", 2);

    ServiceDiagnosis d = diagnoser.diagnose(CLUSTER, "pull", deployment, null);

    assertThat(d.byCategory()).containsOnlyKeys(Category.IMAGE_PULL);
    DiagnosedTask newest = d.tasks().get(0);
    assertThat(newest.verdict().alert()).isTrue();
    assertThat(newest.verdict().evidence().exitCode()).isNull();
    assertThat(newest.logTail()).isEmpty();
    assertThat(newest.logNote()).contains("never started");
  }

  @Test
  void anOutOfMemoryKillIsNamedWithExit137() {
    String deployment = failingDeployment("oom", "oom", 1);

    ServiceDiagnosis d = diagnoser.diagnose(CLUSTER, "oom", deployment, null);

    DiagnosedTask newest = d.tasks().get(0);
    assertThat(newest.verdict().category()).isEqualTo(Category.OUT_OF_MEMORY);
    assertThat(newest.verdict().evidence().exitCode()).isEqualTo(137);
    assertThat(newest.logTail()).anySatisfy(line -> assertThat(line).contains("Loaded"));
  }

  @Test
  void aFailedLoadBalancerHealthCheckIsNamed() {
    String deployment = failingDeployment("elb-health-check", "elb", 1);

    ServiceDiagnosis d = diagnoser.diagnose(CLUSTER, "elb", deployment, null);

    assertThat(d.tasks()).filteredOn(t -> "STOPPED".equals(t.task().lastStatus()))
        .first().satisfies(t -> assertThat(t.verdict().category()).isEqualTo(Category.HEALTH_CHECK_ELB));
    assertThat(d.events()).anySatisfy(e -> assertThat(e.message()).contains("is unhealthy in (target-group"));
  }

  @Test
  void withoutADeploymentEveryStoppedTaskOfTheServiceCounts() {
    failingDeployment("crash-loop", "all", 2);

    ServiceDiagnosis d = diagnoser.diagnose(CLUSTER, "all", null, null);

    Map<Category, Integer> counts = d.byCategory();
    assertThat(counts.get(Category.APP_EXIT)).isGreaterThanOrEqualTo(2);
    assertThat(d.tasks()).allSatisfy(t -> assertThat(t.task().group()).isEqualTo("service:all"));
  }

  @Test
  void aLogGroupInAnotherRegionIsReadThere() {
    aws.sim.load(Scenarios.named("crash-loop"), CLUSTER, "abroad");
    aws.clients.ecs().registerTaskDefinition(r -> r.family("abroad").containerDefinitions(c -> c.name("app")
        .image("app:2.4.0").essential(true).logConfiguration(l -> l.logDriver("awslogs").options(Map.of(
            "awslogs-group", "/ecs/abroad", "awslogs-region", "eu-west-1", "awslogs-stream-prefix", "ecs")))));
    String deployment = aws.clients.ecs().updateService(r -> r.cluster(CLUSTER).service("abroad").taskDefinition("abroad:3"))
        .service().deployments().get(0).id();
    EcsReads reads = new EcsReads(aws.clients.ecs());
    SimulatedAws.await("a stopped task", Duration.ofSeconds(30), () ->
        reads.stoppedTasks(CLUSTER, reads.stoppedTaskArns(CLUSTER, "abroad")).stream().filter(t -> deployment.equals(t.startedBy()))
            .anyMatch(t -> "STOPPED".equals(t.lastStatus())));

    ServiceDiagnosis d = diagnoser.diagnose(CLUSTER, "abroad", deployment, null);

    DiagnosedTask newest = d.tasks().get(0);
    assertThat(newest.logTail()).anySatisfy(line -> assertThat(line).contains("PAYMENT_API_URL"));
    assertThat(newest.logConsoleUrl()).startsWith("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#");
  }

  @Test
  void aLogFetchThatFailsIsNotedAndTheDiagnosisStands() {
    String deployment = failingDeployment("crash-loop", "denied", 1);
    aws.sim.faults().denyAccess("GetLogEvents");

    ServiceDiagnosis d = diagnoser.diagnose(CLUSTER, "denied", deployment, null);

    DiagnosedTask newest = d.tasks().get(0);
    assertThat(newest.verdict().category()).isEqualTo(Category.APP_EXIT);
    assertThat(newest.logTail()).isEmpty();
    assertThat(newest.logNote()).isEqualTo("access denied to logs:GetLogEvents on /ecs/denied");
    assertThat(newest.logConsoleUrl()).contains("$252Fecs$252Fdenied");
    assertThat(List.copyOf(d.byCategory().keySet())).containsExactly(Category.APP_EXIT);
  }

  @Test
  void aTaskDefinitionThatCannotBeReadCostsNoVerdictAndIsSaidOnce() {
    String deployment = failingDeployment("crash-loop", "nodef", 2);
    aws.sim.faults().denyAccess("DescribeTaskDefinition");
    List<String> warnings = new java.util.ArrayList<>();
    // A fresh reader: the shared one may already hold this revision from the wait above.
    try (Diagnoser fresh = new Diagnoser(new EcsReads(aws.clients.ecs(), warnings::add), aws.clients.logs(),
        StopClassifier.withDefaults(), aws.clients.region())) {

      ServiceDiagnosis d = fresh.diagnose(CLUSTER, "nodef", deployment, null);

      assertThat(d.tasks()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(t -> {
        assertThat(t.verdict().category()).isEqualTo(Category.APP_EXIT);
        assertThat(t.verdict().evidence().exitCode()).isEqualTo(1);
      });
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains("cannot read task definition", "access denied", "ecs:DescribeTaskDefinition", "offline rule");
    }
  }
}
