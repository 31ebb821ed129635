package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.diagnosis.testing.Awscli;
import io.ecsgate.diagnosis.testing.ExternalTool;
import io.ecsgate.diagnosis.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code aws ecs describe-tasks} really prints, produced by two independently written peers
 * (the machine's awscli talking to moto_server), is what {@code ecs-gate classify} reads.
 */
class ClassifyAwscliOutputIT {
  private static MotoServer moto;
  private static Awscli aws;

  @TempDir Path dir;

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

  @Test
  void describeTasksOutputOfAStoppedTaskIsClassified() throws Exception {
    ObjectMapper json = new ObjectMapper();
    aws.ok("ecs", "create-cluster", "--cluster-name", "prod");
    String instanceId = json.readTree(aws.ok("ec2", "run-instances", "--image-id", "ami-12345678",
        "--count", "1", "--instance-type", "m5.large")).at("/Instances/0/InstanceId").asText();
    aws.ok("ecs", "register-container-instance", "--cluster", "prod",
        "--instance-identity-document", "{\"instanceId\":\"" + instanceId + "\"}");
    aws.ok("ecs", "register-task-definition", "--family", "report", "--container-definitions",
        "[{\"name\":\"report\",\"image\":\"report:1\",\"essential\":true,\"memory\":256,\"cpu\":128}]");
    String taskArn = json.readTree(aws.ok("ecs", "run-task", "--cluster", "prod", "--task-definition",
        "report", "--launch-type", "EC2")).at("/tasks/0/taskArn").asText();
    aws.ok("ecs", "stop-task", "--cluster", "prod", "--task", taskArn, "--reason", "Task stopped by user");
    Path output = Files.writeString(dir.resolve("describe-tasks.json"),
        aws.ok("ecs", "describe-tasks", "--cluster", "prod", "--tasks", taskArn));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "classify", "-o", "json", output.toString());

    assertThat(code).as("stderr: %s", err).isZero();
    JsonNode verdict = json.readTree(out.toString().strip());
    assertThat(verdict.get("taskArn").asText()).isEqualTo(taskArn);
    assertThat(verdict.get("source").asText()).endsWith("describe-tasks.json:1 tasks[0]");
    assertThat(verdict.get("cluster").asText()).isEqualTo("prod");
    assertThat(verdict.get("group").asText()).isEqualTo("family:report");
    assertThat(verdict.get("category").asText()).isEqualTo("USER_STOPPED");
    assertThat(verdict.get("alert").asBoolean()).isFalse();
  }
}
