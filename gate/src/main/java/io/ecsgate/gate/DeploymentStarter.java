package io.ecsgate.gate;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.deployment.DeploymentState;
import io.ecsgate.classifier.deployment.ServiceState;
import io.ecsgate.classifier.sdk.EcsSdkServices;
import io.ecsgate.diagnosis.EcsReads;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Starts a deployment (UpdateService with forceNewDeployment), or, for wait, picks the deployment
 * already under way, and returns what the gate then watches.
 */
final class DeploymentStarter {
  private final EcsClient ecs;
  private final EcsReads reads;
  private final Clock clock;

  DeploymentStarter(EcsClient ecs, EcsReads reads, Clock clock) {
    this.ecs = ecs;
    this.reads = reads;
    this.clock = clock;
  }

  /** For deploy: registers a new revision when images change, then forces a new deployment. */
  Watched deploy(String cluster, Service current, DeployChange change) {
    String previous = current.taskDefinition();
    String target = previous;
    if (change.taskDefinition() != null) {
      target = change.taskDefinition();
    } else if (!change.images().isEmpty()) {
      target = registerWithImages(reads.taskDefinition(previous), change.images());
    }
    String taskDefinition = target;
    ServiceState updated = EcsSdkServices.fromSdk(ecs.updateService(b -> b.cluster(cluster).service(current.serviceName())
        .taskDefinition(taskDefinition).forceNewDeployment(true)).service());
    DeploymentState ours = updated.primary().orElseThrow(() -> new IllegalStateException(
        "UpdateService returned no PRIMARY deployment for " + current.serviceName()));
    return new Watched(cluster, current.serviceName(), ours.id(), ours.taskDefinition(), previous, clock.instant());
  }

  /**
   * A CODE_DEPLOY or EXTERNAL controller makes task sets, not deployments: nothing to start or follow.
   *
   * @throws IllegalStateException naming the controller
   */
  static void requireEcsController(Service s) {
    String controller = s.deploymentController() == null ? "ECS" : s.deploymentController().typeAsString();
    if (!"ECS".equals(controller)) {
      throw new IllegalStateException("service " + s.serviceName() + " uses the " + controller
          + " deployment controller: its deployments are " + (controller.equals("CODE_DEPLOY") ? "AWS CodeDeploy's"
          : "made outside ECS") + " task sets, which ecs-gate cannot start or follow");
    }
  }

  /** For wait: the PRIMARY deployment now is the one to gate; the ACTIVE one (if any) is the previous. */
  Watched adopt(String cluster, ServiceState current) {
    DeploymentState ours = current.primary().orElseThrow(() -> new IllegalStateException(
        "service " + current.name() + " has no PRIMARY deployment"));
    String previous = current.previous().map(DeploymentState::taskDefinition).orElse(null);
    return new Watched(cluster, current.name(), ours.id(), ours.taskDefinition(), previous, clock.instant());
  }

  private String registerWithImages(TaskDefinition base, Map<String, String> images) {
    List<ContainerDefinition> containers = new ArrayList<>();
    List<String> unknown = new ArrayList<>(images.keySet());
    for (ContainerDefinition c : base.containerDefinitions()) {
      String image = images.get(c.name());
      unknown.remove(c.name());
      containers.add(image == null ? c : c.toBuilder().image(image).build());
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("task definition " + Arns.taskDefinition(base.taskDefinitionArn())
          + " has no container named " + String.join(", ", unknown));
    }
    // Carry every field of the current revision over; only the images change.
    RegisterTaskDefinitionRequest request = RegisterTaskDefinitionRequest.builder()
        .family(base.family())
        .taskRoleArn(base.taskRoleArn())
        .executionRoleArn(base.executionRoleArn())
        .networkMode(base.networkMode())
        .containerDefinitions(containers)
        .volumes(base.volumes())
        .placementConstraints(base.placementConstraints())
        .requiresCompatibilities(base.requiresCompatibilities())
        .cpu(base.cpu())
        .memory(base.memory())
        .pidMode(base.pidMode())
        .ipcMode(base.ipcMode())
        .proxyConfiguration(base.proxyConfiguration())
        .inferenceAccelerators(base.inferenceAccelerators())
        .ephemeralStorage(base.ephemeralStorage())
        .runtimePlatform(base.runtimePlatform())
        .build();
    return ecs.registerTaskDefinition(request).taskDefinition().taskDefinitionArn();
  }
}
