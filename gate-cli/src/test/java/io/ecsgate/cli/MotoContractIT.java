package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.diagnosis.AwsSettings;
import io.ecsgate.diagnosis.EcsClients;
import io.ecsgate.diagnosis.EcsReads;
import io.ecsgate.diagnosis.testing.Awscli;
import io.ecsgate.diagnosis.testing.ExternalTool;
import io.ecsgate.diagnosis.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate against moto_server, an AWS emulator written independently of ecs-sim: the SDK calls
 * the gate makes (DescribeServices, UpdateService, ListTasks, DescribeTasks, DescribeTaskDefinition)
 * must parse what another implementation of the ECS protocol answers, and the exit codes must hold.
 *
 * <p>What moto 5.2 does with ECS services, and how these tests use it: CreateService stores one
 * PRIMARY deployment but never starts tasks, so runningCount stays 0 (pendingCount = desired) unless
 * moto_server runs with MOTO_ECS_SERVICE_RUNNING; an UpdateService with a desiredCount sets
 * runningCount to it at once, which is how a test makes the service "all running". UpdateService
 * with forceNewDeployment gives that one PRIMARY deployment a new id and createdAt (no second
 * deployment, no rollout). ListTasks ignores serviceName but filters on desiredStatus, so the
 * gate, which lists the service's STOPPED tasks and keeps those whose startedBy is its deployment,
 * sees every stopped task of the cluster here and keeps the ones run with startedBy = the
 * deployment id, as ECS starts them.
 * Each test uses its own cluster on one moto_server.
 */
class MotoContractIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MotoServer moto;
  private static Awscli aws;

  @BeforeAll
  static void startMoto() throws Exception {
    assumeTrue(ExternalTool.onPath("moto_server") && ExternalTool.onPath("aws"), "needs moto_server and aws on PATH");
    moto = MotoServer.start();
    aws = new Awscli(moto.endpoint());
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  private record Run(int exitCode, String out, String err) {
    List<String> lines() {
      List<String> lines = new ArrayList<>(out.lines().toList());
      lines.addAll(err.lines().toList());
      return lines;
    }
  }

  private static Run gate(String verb, String cluster, String service, String... more) {
    List<String> args = new ArrayList<>(List.of(verb, "--cluster", cluster, "--service", service,
        "--endpoint-url", moto.endpoint().toString(), "--region", "us-east-1", "--poll-interval", "200ms"));
    args.addAll(Arrays.asList(more));
    if (!args.contains("--timeout")) {
      args.addAll(List.of("--timeout", "20s"));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** A cluster with the task definition {@code web} and a service {@code web} of {@code desired} tasks. */
  private static void createService(String cluster, int desired) throws Exception {
    aws.ok("ecs", "create-cluster", "--cluster-name", cluster);
    aws.ok("ecs", "register-task-definition", "--family", "web", "--container-definitions",
        "[{\"name\":\"web\",\"image\":\"web:1\",\"essential\":true,\"memory\":256,\"cpu\":128}]");
    aws.ok("ecs", "create-service", "--cluster", cluster, "--service-name", "web", "--task-definition", "web",
        "--desired-count", String.valueOf(desired), "--launch-type", "EC2");
  }

  /** moto's way to a service whose tasks all run: UpdateService with the desired count sets runningCount. */
  private static void markAllRunning(String cluster, int desired) throws Exception {
    aws.ok("ecs", "update-service", "--cluster", cluster, "--service", "web", "--desired-count", String.valueOf(desired));
  }

  private static JsonNode describeService(String cluster) throws Exception {
    return JSON.readTree(aws.ok("ecs", "describe-services", "--cluster", cluster, "--services", "web"))
        .path("services").get(0);
  }

  @Test
  void waitIsStableWhenMotoReportsOneDeploymentWithAllTasksRunning() throws Exception {
    createService("happy", 2);
    markAllRunning("happy", 2);
    JsonNode service = describeService("happy");
    assertThat(service.path("deployments")).hasSize(1);
    assertThat(service.path("deployments").get(0).path("status").asText()).isEqualTo("PRIMARY");
    assertThat(service.path("runningCount").asInt()).isEqualTo(2);

    Run run = gate("wait", "happy", "web");

    assertThat(run.exitCode()).as("stdout: %s%nstderr: %s", run.out(), run.err()).isZero();
  }

  @Test
  void waitTimesOutWhileMotoReportsNoTaskRunning() throws Exception {
    // moto never starts a service's tasks: runningCount 0 of 1, rollout IN_PROGRESS, forever. To the
    // gate that is a deployment still under way, not a failure: it polls until --timeout.
    createService("never-running", 1);
    JsonNode service = describeService("never-running");
    assertThat(service.path("runningCount").asInt()).isZero();
    assertThat(service.path("deployments").get(0).path("rolloutState").asText()).isEqualTo("IN_PROGRESS");

    Run run = gate("wait", "never-running", "web", "--timeout", "1s");

    assertThat(run.exitCode()).as("stdout: %s%nstderr: %s", run.out(), run.err()).isEqualTo(2);
  }

  @Test
  void deployForcesANewDeploymentAndGatesIt() throws Exception {
    createService("deploy", 2);
    markAllRunning("deploy", 2);
    String before = describeService("deploy").path("deployments").get(0).path("id").asText();

    Run run = gate("deploy", "deploy", "web");

    assertThat(run.exitCode()).as("stdout: %s%nstderr: %s", run.out(), run.err()).isZero();
    JsonNode after = describeService("deploy").path("deployments");
    assertThat(after).as("moto keeps one PRIMARY deployment and gives it a new id").hasSize(1);
    assertThat(after.get(0).path("id").asText()).isNotEqualTo(before);
  }

  @Test
  void aMissingServiceCannotBeGated() throws Exception {
    createService("no-service", 1);

    Run run = gate("wait", "no-service", "ghost");

    assertThat(run.exitCode()).as("stdout: %s%nstderr: %s", run.out(), run.err()).isEqualTo(3);
    assertThat(run.lines()).as("one line names the service").anySatisfy(line ->
        assertThat(line).contains("ghost").containsIgnoringCase("not found"));
    assertThat(run.err()).doesNotContain("internal error").doesNotContain("\tat ");
  }

  @Test
  void aMissingClusterCannotBeGated() {
    Run run = gate("deploy", "no-such-cluster", "web");

    assertThat(run.exitCode()).as("stdout: %s%nstderr: %s", run.out(), run.err()).isEqualTo(3);
    assertThat(run.lines()).as("one line names the cluster").anySatisfy(line ->
        assertThat(line).contains("no-such-cluster").containsIgnoringCase("not found"));
    assertThat(run.err()).doesNotContain("internal error").doesNotContain("\tat ");
  }

  @Test
  void aTaskOfTheDeploymentStoppedByAUserIsReadAndNotCountedAsAFailure() throws Exception {
    String deployment = serviceOnAnInstance("stopped");
    String taskArn = runTaskOf("stopped", deployment);
    aws.ok("ecs", "stop-task", "--cluster", "stopped", "--task", taskArn, "--reason", "Task stopped by user");

    List<StoppedTask> tasks;
    try (EcsClients clients = EcsClients.from(new AwsSettings("us-east-1", null, moto.endpoint()))) {
      EcsReads reads = new EcsReads(clients.ecs());
      List<String> arns = reads.stoppedTaskArns("stopped", "web");
      assertThat(arns).containsExactly(taskArn);
      tasks = reads.stoppedTasks("stopped", arns).stream().filter(t -> deployment.equals(t.startedBy())).toList();
    }

    assertThat(tasks).singleElement().satisfies(task -> {
      assertThat(task.taskArn()).isEqualTo(taskArn);
      assertThat(task.startedBy()).isEqualTo(deployment);
      assertThat(task.group()).isEqualTo("service:web");
      assertThat(task.desiredStatus()).isEqualTo("STOPPED");
      assertThat(task.stoppedReason()).isEqualTo("Task stopped by user");
    });
    Verdict verdict = StopClassifier.withDefaults().classify(tasks.get(0));
    assertThat(verdict.category()).isEqualTo(Category.USER_STOPPED);
    assertThat(verdict.alert()).isFalse();

    Run run = gate("wait", "stopped", "web", "--fail-after", "1");
    assertThat(run.exitCode()).as("a user's stop is not a failed task, even with --fail-after 1. stdout: %s%nstderr: %s",
        run.out(), run.err()).isZero();
  }

  @Test
  void aTaskOfTheDeploymentThatCouldNotPullItsImageFailsTheGate() throws Exception {
    String deployment = serviceOnAnInstance("pull");
    String taskArn = runTaskOf("pull", deployment);
    aws.ok("ecs", "stop-task", "--cluster", "pull", "--task", taskArn, "--reason",
        "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref"
            + " docker.io/library/web:missing: docker.io/library/web:missing: not found");

    Run run = gate("wait", "pull", "web", "--fail-after", "1");

    assertThat(run.exitCode()).as("stdout: %s%nstderr: %s", run.out(), run.err()).isEqualTo(1);
  }

  /** A service of one running task on a cluster with an EC2 container instance; returns its deployment id. */
  private static String serviceOnAnInstance(String cluster) throws Exception {
    createService(cluster, 1);
    String instanceId = JSON.readTree(aws.ok("ec2", "run-instances", "--image-id", "ami-12345678",
        "--count", "1", "--instance-type", "m5.large")).at("/Instances/0/InstanceId").asText();
    aws.ok("ecs", "register-container-instance", "--cluster", cluster,
        "--instance-identity-document", "{\"instanceId\":\"" + instanceId + "\"}");
    markAllRunning(cluster, 1);
    return describeService(cluster).path("deployments").get(0).path("id").asText();
  }

  /** A task started as ECS starts a service's tasks: startedBy the deployment, group service:web. */
  private static String runTaskOf(String cluster, String deployment) throws Exception {
    return JSON.readTree(aws.ok("ecs", "run-task", "--cluster", cluster, "--task-definition", "web",
        "--launch-type", "EC2", "--started-by", deployment, "--group", "service:web"))
        .at("/tasks/0/taskArn").asText();
  }
}
