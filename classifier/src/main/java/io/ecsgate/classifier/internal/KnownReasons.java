package io.ecsgate.classifier.internal;

import static io.ecsgate.classifier.Category.*;

import io.ecsgate.classifier.internal.KnownReason.Refinement;
import java.util.List;

/**
 * The stop reasons ECS writes, by what they mean. Sources: the Amazon ECS Developer Guide pages
 * "Amazon ECS stopped task error messages", "CannotPullContainer task errors", "Troubleshoot
 * ResourceInitializationError", and the public threads in the classifier's test corpus.
 */
public final class KnownReasons {
  private KnownReasons() {}

  /** The task could not reach an AWS endpoint: shared by every reason that fetches something. */
  private static final Refinement NETWORK_PATH =
      new Refinement("network", List.of("i/o timeout", "context deadline exceeded", "dial tcp",
          "connection refused", "request canceled", "requestcanceled", "no such host", "timed out",
          "network configuration", "connection issue",
          // the AWS SDK's transport error, "RequestError: send request failed caused by: Post
          // https://api.ecr...": no answer from the endpoint, not a refusal (that would be AccessDenied)
          "send request failed", "requesterror"),
          "The task could not reach the AWS endpoint. Give its subnets a route out (NAT gateway, or a"
              + " public IP with assignPublicIp in a public subnet) or VPC endpoints for ECR (api, dkr),"
              + " S3, Secrets Manager/SSM and CloudWatch Logs, and check security groups allow 443 out.");

  /**
   * Texts of a pull that found the image but no variant for the task's platform: "image Manifest does
   * not contain descriptor matching platform 'linux/amd64'" (Fargate, containerd), "no matching
   * manifest for linux/arm64/v8 in the manifest list entries" (Docker).
   */
  public static final List<String> IMAGE_LACKS_PLATFORM = List.of("descriptor matching platform",
      "no matching manifest for", "no match for platform in manifest");

  /** The image lacks the task's CPU architecture: retrying or adding capacity cannot help. */
  public static final String IMAGE_LACKS_PLATFORM_HINT =
      "The image has no variant for the task's platform (the OS/CPU architecture the message names):"
          + " build and push a multi-arch image (docker buildx build --platform linux/amd64,linux/arm64"
          + " --push), or set the task definition's runtimePlatform (cpuArchitecture X86_64 or ARM64) to"
          + " the architecture the image was built for.";

  public static final KnownReason OUT_OF_MEMORY_KILL = new KnownReason("out-of-memory", OUT_OF_MEMORY, true,
      // runc's "container init was OOM-killed (memory limit too low?)": the limit is below what the
      // process needs to start at all, not a wrong command
      List.of("outofmemory", "out of memory", "killed due to memory", "oomkilled", "oom-killed",
          "memory limit too low"),
      "%s was killed for exceeding its memory limit",
      "Raise the container's memory (hard limit) or the task's memory, or find the leak: compare the"
          + " limit with the MemoryUtilization metric before the kill. A JVM needs -XX:MaxRAMPercentage"
          + " below 100.");

  public static final KnownReason ELB_HEALTH = new KnownReason("elb-health-check", HEALTH_CHECK_ELB, true,
      List.of("failed elb health checks", "elb health check", "unhealthy in (target-group",
          "unhealthy in target-group"),
      "%s failed the load balancer health check",
      "Check the target group's health check path, port and matcher against what the app serves, that"
          + " the app listens on 0.0.0.0 on the container port, that the security group lets the load"
          + " balancer in, and that healthCheckGracePeriodSeconds covers the start-up time.");

  public static final KnownReason CONTAINER_HEALTH = new KnownReason("container-health-check",
      HEALTH_CHECK_CONTAINER, true,
      List.of("failed container health checks", "container health check"),
      "%s failed its container health check",
      "Run the healthCheck command inside the image (curl or wget must exist in it), and raise"
          + " startPeriod if the app starts slowly.");

  /**
   * Failures recognised by their text, checked in this order. The specific cause comes before the
   * generic prefix: "CannotStartContainerError: ResourceInitializationError: ... executable file not
   * found" is a wrong command, not a resource problem.
   */
  public static final List<KnownReason> FAILURES = List.of(
      new KnownReason("container-command", CONTAINER_START, true,
          List.of("exec format error", "executable file not found"),
          "%s could not start its command",
          "Check the container's command and entryPoint, and that the image was built for the task's CPU"
              + " architecture.",
          List.of(
              new Refinement("architecture", List.of("exec format error"),
                  "The image was built for another CPU architecture: build for the task's"
                      + " runtimePlatform (e.g. docker buildx --platform linux/amd64 or linux/arm64).", true),
              new Refinement("command", List.of("executable file not found"),
                  "The command or entryPoint does not exist in the image: check the path and the"
                      + " image's PATH.", true))),
      new KnownReason("image-pull", IMAGE_PULL, true,
          List.of("cannotpullcontainer", "cannotpullimagemanifest", "pull image manifest",
              "pullimagemanifest", "failed to resolve ref", "pull access denied", "manifest unknown",
              "error pulling image", "image pull", "failed to pull", "unable to pull image",
              "cannot pull the container image", "cannot pull image", "pulling image",
              // 2024+ plain sentences: "The task cannot pull 'IMAGE' from the Amazon ECR repository ..."
              "from the amazon ecr repository", "pull the image", "can’t pull the image"),
          "%s could not pull its image",
          "Check that the image and tag exist, that the task execution role may pull it, and that the"
              + " task's subnets reach the registry.",
          List.of(
              // before not-found: Docker's "no match for platform in manifest: not found"
              new Refinement("architecture", IMAGE_LACKS_PLATFORM, IMAGE_LACKS_PLATFORM_HINT, true),
              new Refinement("not-found", List.of("not found", "manifest unknown", "does not exist",
                  "repository does not exist", "no such image", "404"),
                  "The image or tag does not exist in the registry: check the image URI in the task"
                      + " definition and that the CI job pushed that tag before deploying.", true),
              new Refinement("rate-limit", List.of("toomanyrequests", "rate limit", "too many requests"),
                  "The registry rate-limited the pull (Docker Hub's anonymous limit): authenticate with"
                      + " repositoryCredentials or mirror the image through an ECR pull-through cache."),
              new Refinement("access-denied", List.of("access denied", "accessdenied", "unauthorized",
                  "authorization", "forbidden", "no basic auth credentials", "denied"),
                  "The pull was refused: give the task execution role ecr:GetAuthorizationToken,"
                      + " ecr:BatchGetImage and ecr:GetDownloadUrlForLayer (and kms:Decrypt for a KMS"
                      + " repository), or set repositoryCredentials for a private registry.", true),
              NETWORK_PATH)),
      new KnownReason("log-driver", RESOURCE_INIT, true,
          List.of("failed to initialize logging driver", "failed to validate logger",
              "log group does not exist", "failed to create cloudwatch log stream",
              "logging driver"),
          "%s could not set up its log driver",
          "Create the awslogs-group (or set awslogs-create-group with logs:CreateLogGroup on the"
              + " execution role) and check the region and log options in the task definition."),
      new KnownReason("resource-init", RESOURCE_INIT, true,
          List.of("resourceinitializationerror", "unable to pull secrets", "cannot pull secrets",
              "pull secrets or registry auth", "unable to retrieve secret", "cannot retrieve secret",
              "retrieve secrets from", "cannot pull registry auth", "execution resource retrieval",
              "failed to invoke efs utils", "efs utils", "mount.nfs", "failed to resolve \"fs-",
              "cannot retrieve the secret", "secrets manager", "parameter store"),
          "%s could not get its secrets, registry credentials or volumes",
          "Check the task execution role, the secret/parameter/volume it names, and the network path"
              + " from the task's subnets to the AWS service.",
          List.of(
              NETWORK_PATH,
              new Refinement("efs", List.of("efs", "nfs"),
                  "The EFS volume did not mount: check the file system id, that the mount target's"
                      + " security group allows NFS (2049) from the task, and the access point and IAM"
                      + " authorisation settings."),
              new Refinement("secrets", List.of("secret", "ssm", "parameter", "kms"),
                  "The execution role could not read a secret: check the ARN in the task definition"
                      + " exists in this region, and that the execution role has ssm:GetParameters or"
                      + " secretsmanager:GetSecretValue (and kms:Decrypt for a customer key).", true),
              new Refinement("registry-auth", List.of("registry auth", "ecr"),
                  "The execution role could not get registry credentials: check"
                      + " ecr:GetAuthorizationToken on the task execution role."))),
      new KnownReason("network", NETWORK, true,
          List.of("network interface provisioning", "elastic network interface", "networkinterface",
              "network interface", "insufficientfreeaddresses", "free addresses", "no available ip",
              "ip address", "subnet", "eni provisioning", "vpc"),
          "%s could not get its network interface",
          "Check the subnets have free IP addresses (awsvpc uses one per task), the ENI limit of the"
              + " instance type (or enable ENI trunking), and that subnets and security groups exist."),
      new KnownReason("container-start", CONTAINER_START, true,
          List.of("cannotstartcontainer", "cannotcreatecontainer", "cannotinspectcontainer",
              "containerruntimeerror", "containerruntimetimeout", "oci runtime", "cannot start container",
              // the names before Fargate platform 1.4 (and on the EC2 agent): DockerTimeoutError is
              // ContainerRuntimeTimeoutError's, "Could not transition to started/running" its text
              "dockertimeouterror", "could not transition to",
              "cannot create container", "failed to create shim", "starting container process"),
          "%s could not start",
          "Check the container's command, entryPoint, user, mounts and ulimits in the task definition.",
          List.of(
              new Refinement("command", List.of("no such file or directory", "permission denied"),
                  "The command or entryPoint does not exist in the image or is not executable: check"
                      + " the path and the image's PATH.", true),
              // On Fargate AWS names the network (repost.aws ecs-fargate-docker-timeout-error, and
              // the maintainer in aws-actions/amazon-ecs-deploy-task-definition#232); on EC2 the
              // agent's issues (amazon-ecs-agent#682) point at a slow Docker daemon.
              new Refinement("runtime-timeout", List.of("timeout", "timed out"),
                  "The container did not start in time. On Fargate this is usually the network: the"
                      + " task cannot reach ECR and S3 (image), Secrets Manager or SSM (secrets) or"
                      + " CloudWatch Logs (awslogs); check the subnet's NAT gateway or VPC endpoints,"
                      + " its route table and security groups. On EC2, a busy or unhealthy host: check"
                      + " the instance's Docker/containerd and ECS agent logs."))),
      new KnownReason("placement", PLACEMENT, true,
          List.of("capacity is unavailable", "unable to place", "insufficient memory",
              "insufficient cpu", "resource:memory", "resource:cpu", "no container instance",
              "no container instances", "insufficient capacity"),
          "%s could not be placed",
          "Add capacity (instances, or a capacity provider with managed scaling), lower the task's"
              + " cpu/memory, or relax placement constraints; for Fargate, try other subnets or AZs."));

  /**
   * Stop code {@code InfrastructureHealth} (TaskStopCode, 2026-08-05, added with the container
   * instance health type AGENT_CONNECTIVITY). AWS documents the enum value only: no developer-guide
   * text and no stopped reason for it are known, so the hint says so rather than guessing. Treated
   * as SpotInterruption and TerminationNotice are: an infrastructure stop, not the application's
   * failure (an out-of-memory or health-check reason on the task still alerts: those are checked
   * first). Matched by stop code only, never by text.
   */
  public static final KnownReason INFRASTRUCTURE_HEALTH = new KnownReason("infrastructure-health", PLATFORM,
      false, List.of(),
      "%s was stopped by ECS for infrastructure health (stop code InfrastructureHealth)",
      "Stop code InfrastructureHealth is new (2026) and undocumented beyond its name: ECS stopped the task"
          + " for the health of the infrastructure under it (likely its host or the ECS agent's"
          + " connection; the code came with the container instance health check AGENT_CONNECTIVITY),"
          + " not because the application failed. Nothing to do for one task; if it repeats, check the"
          + " container instance's health (aws ecs describe-container-instances, healthStatus) and the"
          + " ECS agent's logs, or on Fargate open an AWS support case.");

  /** Shared by the stopped task, the service events and the service actions of AZ rebalancing. */
  public static final String AZ_REBALANCING_HINT =
      "Nothing to do: Availability Zone rebalancing (on by default for services created since"
          + " 2025-06-30) starts tasks in the AZ with the fewest and stops them in the one with the most."
          + " If the stops hurt (long requests, local state), set the service's"
          + " availabilityZoneRebalancing to DISABLED.";

  /**
   * Whether ECS says a CloudWatch alarm failed the deployment, not the circuit breaker: the service
   * event reads "(deployment ecs-svc/...) deployment failed: alarm detected." (a team's alarm
   * rollback drill, quoted in the corpus), and a deployment's reason mentions its alarm(s).
   */
  public static boolean byAlarm(String deploymentReason) {
    return deploymentReason != null && Text.lower(deploymentReason).contains("alarm");
  }

  /**
   * An alarm rollback: the tasks may all be running and healthy, so "see the stopped tasks" would send
   * the reader the wrong way; the alarm's metric says why. Shared by deployment events and service events.
   */
  public static final String ALARM_ROLLBACK_HINT =
      "A CloudWatch alarm of the deployment (deploymentConfiguration.alarms) went into ALARM, so ECS failed it"
          + " (and rolled it back where rollback is on): look at that alarm's metric for the new revision (error"
          + " rate, latency, whatever it watches) from the deployment's start, not at crashing tasks; the"
          + " tasks may well be running. The reason names the alarm where ECS says which; otherwise"
          + " aws ecs describe-service-deployments lists alarms.triggeredAlarmNames.";

  /** Stops that are part of normal operation, recognised by their text. */
  public static final List<KnownReason> BENIGN = List.of(
      new KnownReason("deployment-or-scaling", DEPLOYMENT_OR_SCALING, false,
          List.of("scaling activity initiated by"),
          "%s was replaced by a deployment or scale-in",
          "Nothing to do: ECS replaced or removed the task on purpose."),
      // A task stopped to even out a service across AZs (AZ rebalancing, on by default for services
      // created since 2025-06-30): the doc's messages say "due to AZ rebalancing" / "to AZ Rebalance".
      new KnownReason("az-rebalancing", DEPLOYMENT_OR_SCALING, false,
          List.of("az rebalanc", "availability zone rebalanc"),
          "%s was stopped by Availability Zone rebalancing",
          AZ_REBALANCING_HINT),
      new KnownReason("draining", DRAINING, false,
          List.of("container instance is in draining state", "draining state"),
          "%s was stopped because its container instance is draining",
          "Nothing to do unless draining was unexpected: check the instance's termination or ASG"
              + " scale-in."),
      new KnownReason("platform", PLATFORM, false,
          List.of("ecs is performing maintenance", "underlying infrastructure", "infrastructure maintenance",
              "task retirement", "host ec2", "stopped/terminated", "has been retired"),
          "%s was stopped by ECS infrastructure maintenance or host retirement",
          "Nothing to do: ECS replaced the task on other capacity. Alert only if the service did not"
              + " recover."),
      new KnownReason("spot-interruption", SPOT_INTERRUPTION, false,
          List.of("spot task was interrupted", "spot interruption", "spotinterruption"),
          "%s was interrupted because Spot capacity was reclaimed",
          "Nothing to do for one task; if interruptions hurt, mix FARGATE and FARGATE_SPOT (or On-Demand"
              + " instances) with a capacity provider strategy base."),
      new KnownReason("user-stopped", USER_STOPPED, false,
          List.of("task stopped by user", "stopped by user"),
          "%s was stopped by a user or an API call",
          "Nothing to do unless nobody should have stopped it: CloudTrail's StopTask event names who."));
}
