package io.ecsgate.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Collectors;

/**
 * The simulated ECS control plane: clusters, services, tasks, task definitions and logs, moved
 * forward by a queue of timed steps. Nothing runs in the background: each request first
 * {@link #sync() catches up} to the clock, so for the same request times the answers are the same.
 *
 * <p>The scheduler is a small rolling update: the PRIMARY deployment launches tasks until it has
 * the desired count; once that many are healthy, older deployments' tasks are stopped ("Scaling
 * activity initiated by (deployment ...)") and, when drained, their deployments are dropped and the
 * PRIMARY's rollout COMPLETES. As on ECS (DG-FD), only tasks that never reach RUNNING or fail their
 * health checks count toward the circuit breaker, a healthy task resets that count, and the
 * breaker's threshold is its thresholdConfiguration (default: half the desired count, 3..200).
 * Relaunches after failures back off, doubling up to {@value #MAX_RELAUNCH_DELAY_SECONDS} s.
 *
 * <p>Not thread-safe: callers hold the engine's monitor.
 */
public final class Engine {
  static final long STOPPED_TASK_RETENTION_MILLIS = 3_600_000L;
  private static final TaskFate HEALTHY = TaskFate.runs(ScenarioCatalog.SPRING_STARTS);
  /** Failed tasks after which the service reports it cannot consistently start tasks. */
  private static final int START_IMPAIRED_AFTER = 3;
  /** Where the relaunch back-off stops growing (ECS does not document its curve: a choice). */
  static final double MAX_RELAUNCH_DELAY_SECONDS = 900;
  /** ECS reports an identical placement failure again after about six hours at the latest. */
  static final long PLACEMENT_REPEAT_MILLIS = 6 * 3_600_000L;
  /** How a task's stop counts against its deployment. */
  private enum Failure {
    /** Not a failure: drained, scaled in. */
    NONE,
    /** Never reached RUNNING: counts toward the circuit breaker. */
    BEFORE_RUNNING,
    /** Ran, then its essential container exited: ECS's breaker does not count it. */
    AFTER_RUNNING,
    /** Failed its health checks and was replaced: counts toward the circuit breaker. */
    HEALTH_CHECK;

    boolean countsForBreaker() {
      return this == BEFORE_RUNNING || this == HEALTH_CHECK;
    }
  }
  private static final String TROUBLESHOOTING =
      "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";

  private record Step(long at, long sequence, Runnable action) {}

  private final Clock clock;
  final Arns arns;
  final Ids ids;
  final TaskDefinitions taskDefinitions;
  final LogStore logs = new LogStore();
  final Map<String, ClusterState> clusters = new LinkedHashMap<>();
  private final PriorityQueue<Step> steps =
      new PriorityQueue<>(Comparator.comparingLong(Step::at).thenComparingLong(Step::sequence));
  private long sequence;
  private long now;

  public Engine(Clock clock, String region, long seed) {
    this.clock = clock;
    this.arns = new Arns(region);
    this.ids = new Ids(seed);
    this.taskDefinitions = new TaskDefinitions(arns);
    this.now = clock.millis();
  }

  /** Runs every step due by the clock's present and returns that present (epoch millis). */
  public long sync() {
    long target = clock.millis();
    while (!steps.isEmpty() && steps.peek().at() <= target) {
      Step step = steps.poll();
      now = Math.max(now, step.at());
      step.action().run();
    }
    now = Math.max(now, target);
    forgetOldStoppedTasks();
    return now;
  }

  long now() {
    return now;
  }

  public String region() {
    return arns.region();
  }

  private void after(double seconds, Runnable action) {
    steps.add(new Step(now + Math.round(seconds * 1000), sequence++, action));
  }

  private void forgetOldStoppedTasks() {
    for (ClusterState cluster : clusters.values()) {
      cluster.tasks.values().removeIf(t -> t.stopped() && t.stoppedAt < now - STOPPED_TASK_RETENTION_MILLIS);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Seeding

  /** What {@link #load} created, for the caller to aim at. */
  public record Seeded(String clusterArn, String serviceArn, String taskDefinitionArn, String nextTaskDefinitionArn) {}

  /**
   * Seeds a cluster, a service that has run the stable revision for an hour, and the next revision
   * of its task definition (family = service name), as the scenario describes.
   */
  public Seeded load(ScenarioSpec spec, String clusterName, String serviceName) {
    sync();
    ClusterState cluster = clusters.computeIfAbsent(clusterName, n -> new ClusterState(n, arns.cluster(n), ids.hex(32)));
    if (cluster.services.containsKey(serviceName)) {
      throw new IllegalArgumentException("service " + serviceName + " already exists in cluster " + clusterName);
    }
    String logGroup = "/ecs/" + serviceName;
    logs.createGroup(logGroup);
    String stable = registerSeed(serviceName, spec.stableImage(), logGroup, now - 2 * 86_400_000L);
    String next = registerSeed(serviceName, spec.nextImage(), logGroup, now - 600_000L);
    String serviceArn = arns.service(clusterName, serviceName);
    Seeded seeded = new Seeded(cluster.arn, serviceArn, stable, next);
    if ("MISSING".equals(spec.serviceState())) {
      return seeded;
    }
    String targetGroup = spec.loadBalanced() ? arns.targetGroup(serviceName + "-tg", ids.hex(16)) : null;
    ServiceState service = new ServiceState(serviceName, serviceArn, cluster, spec, now - 30 * 86_400_000L, targetGroup);
    service.desiredCount = spec.desiredCount();
    service.taskDefinitionArn = stable;
    service.breakerEnable = spec.breakerEnable();
    service.breakerRollback = spec.breakerRollback();
    service.thresholdType = spec.setup().thresholdType();
    service.thresholdValue = spec.setup().thresholdValue();
    cluster.services.put(serviceName, service);
    if ("INACTIVE".equals(spec.serviceState())) {
      service.status = "INACTIVE";
      service.desiredCount = 0;
      event(service, now - 7_200_000L, "(service " + serviceName + ") has reached a steady state.");
      return seeded;
    }
    long deployedAt = now - 3_600_000L;
    String deploymentId = ids.deploymentId();
    DeploymentState deployment = new DeploymentState(deploymentId, stable, deployedAt, false, spec.desiredCount(),
        newRecord(service, deploymentId, null, deployedAt));
    service.deployments.add(deployment);
    List<TaskState> tasks = new ArrayList<>();
    for (int i = 0; i < spec.desiredCount(); i++) {
      tasks.add(seedRunningTask(service, deployment, deployedAt + 1000));
    }
    deployment.launched = tasks.size();
    deployment.rolloutState = "COMPLETED";
    deployment.rolloutStateReason = "ECS deployment " + deployment.id + " completed.";
    deployment.updatedAt = deployedAt + 60_000;
    deployment.steadyReported = true;
    deployment.record.succeed(deployedAt + 60_000);
    service.history.add(deployment.record);
    service.knownDeployments.add(deployment);
    service.lastCompleted = deployment;
    if (!tasks.isEmpty()) {
      event(service, deployedAt + 1000, startedMessage(service, tasks));
      if (targetGroup != null) {
        event(service, deployedAt + 30_000, registeredMessage(service, tasks.size()));
      }
    }
    event(service, deployedAt + 60_000, "(service " + serviceName + ") (deployment " + deployment.id + ") deployment completed.");
    event(service, deployedAt + 61_000, "(service " + serviceName + ") has reached a steady state.");
    return seeded;
  }

  private String registerSeed(String family, String image, String logGroup, long at) {
    ObjectNode request = Json.object();
    request.put("family", family);
    request.put("networkMode", "awsvpc");
    request.putArray("requiresCompatibilities").add("FARGATE");
    request.put("cpu", "256");
    request.put("memory", "512");
    request.put("executionRoleArn", arns.role("ecsTaskExecutionRole"));
    ObjectNode container = request.putArray("containerDefinitions").addObject();
    container.put("name", "app");
    container.put("image", image);
    container.put("essential", true);
    ObjectNode port = container.putArray("portMappings").addObject();
    port.put("containerPort", 8080);
    port.put("hostPort", 8080);
    port.put("protocol", "tcp");
    ObjectNode logConfiguration = container.putObject("logConfiguration");
    logConfiguration.put("logDriver", "awslogs");
    ObjectNode options = logConfiguration.putObject("options");
    options.put("awslogs-group", logGroup);
    options.put("awslogs-region", arns.region());
    options.put("awslogs-stream-prefix", "ecs");
    return taskDefinitions.register(request, at).get("taskDefinitionArn").asText();
  }

  private TaskState seedRunningTask(ServiceState service, DeploymentState deployment, long createdAt) {
    TaskState task = newTask(service, deployment, HEALTHY, createdAt);
    task.lastStatus = "RUNNING";
    task.connectivityAt = createdAt + 5000;
    task.pullStartedAt = createdAt + 6000;
    task.pullStoppedAt = createdAt + 15_000;
    task.startedAt = createdAt + 20_000;
    task.healthy = true;
    task.version = 4;
    startContainers(task);
    return task;
  }

  // ---------------------------------------------------------------------------------------------
  // Operations

  /** UpdateService: applies the changes and starts a new deployment when one is due. */
  public void updateService(ServiceState service, Integer desiredCount, String taskDefinition,
      boolean forceNewDeployment, JsonNode deploymentConfiguration) {
    if (!service.active()) {
      throw ApiException.client("ServiceNotActiveException", "Service was not ACTIVE.");
    }
    if (service.codeDeploy() && (taskDefinition != null || forceNewDeployment)) {
      throw ApiException.invalidParameter("Unable to update task definition on services with a CODE_DEPLOY deployment"
          + " controller. Use AWS CodeDeploy to trigger a new deployment.");
    }
    String taskDefinitionArn = null;
    if (taskDefinition != null) {
      ObjectNode definition = taskDefinitions.find(taskDefinition);
      if (definition == null) {
        throw ApiException.client("ClientException", "TaskDefinition not found.");
      }
      taskDefinitionArn = definition.get("taskDefinitionArn").asText();
    }
    if (desiredCount != null) {
      if (desiredCount < 0) {
        throw ApiException.invalidParameter("desiredCount can not be negative.");
      }
      service.desiredCount = desiredCount;
    }
    if (deploymentConfiguration != null && deploymentConfiguration.isObject()) {
      JsonNode breaker = deploymentConfiguration.get("deploymentCircuitBreaker");
      if (breaker != null) {
        service.breakerEnable = breaker.path("enable").asBoolean(false);
        service.breakerRollback = breaker.path("rollback").asBoolean(false);
        service.resetOnHealthyTask = breaker.path("resetOnHealthyTask").asBoolean(true);
        JsonNode threshold = breaker.path("thresholdConfiguration");
        if (threshold.isObject()) {
          service.thresholdType = threshold.path("type").asText("BOUNDED_PERCENT");
          service.thresholdValue = threshold.path("value").asDouble(50);
        }
      }
      service.maximumPercent = deploymentConfiguration.path("maximumPercent").asInt(service.maximumPercent);
      service.minimumHealthyPercent =
          deploymentConfiguration.path("minimumHealthyPercent").asInt(service.minimumHealthyPercent);
    }
    boolean newRevision = taskDefinitionArn != null && !taskDefinitionArn.equals(service.taskDefinitionArn);
    if (forceNewDeployment || newRevision) {
      String target = taskDefinitionArn != null ? taskDefinitionArn : service.taskDefinitionArn;
      startDeployment(service, target, true, null);
    }
    service.primary().desiredCount = service.desiredCount;
    service.primary().updatedAt = now;
    reconcile(service);
  }

  private void startDeployment(ServiceState service, String taskDefinitionArn, boolean scripted, String reason) {
    String source = service.deployments.isEmpty() ? null : service.primary().record.revisionArn;
    for (DeploymentState deployment : service.deployments) {
      deployment.status = "ACTIVE";
      if (!deployment.record.finished() && !deployment.record.status.startsWith("ROLLBACK")) {
        // A newer deployment replaces one under way (the docs name no reason for it: the simulator's).
        deployment.record.stop(now, "ECS stopped the service deployment: a newer service deployment started.");
      }
    }
    String deploymentId = ids.deploymentId();
    DeploymentState deployment = new DeploymentState(deploymentId, taskDefinitionArn, now, scripted, service.desiredCount,
        newRecord(service, deploymentId, source, now));
    service.history.add(deployment.record);
    service.knownDeployments.add(deployment);
    if (scripted && service.setup().staged() != null) {
      deployment.stage = "RECONCILE_SERVICE";
      after(1, () -> enterStage(service, deployment, "PRE_SCALE_UP"));
    }
    deployment.rolloutStateReason = reason != null ? reason : "ECS deployment " + deployment.id + " in progress.";
    service.deployments.add(0, deployment);
    service.taskDefinitionArn = taskDefinitionArn;
  }

  // ---------------------------------------------------------------------------------------------
  // The service scheduler

  private void reconcile(ServiceState service) {
    if (!service.active()) {
      return;
    }
    DeploymentState primary = service.primary();
    List<TaskState> live = liveTasks(service, primary);
    int missing = service.desiredCount - live.size();
    boolean mayLaunch = primary.stage == null || Stages.atLeast(primary.stage, "SCALE_UP");
    if (missing > 0 && mayLaunch && !"FAILED".equals(primary.rolloutState) && !primary.launchPending) {
      primary.launchPending = true;
      double delay = primary.failuresInARow > 0 ? relaunchDelay(service, primary) : service.spec.timings().launchDelay();
      after(delay, () -> {
        primary.launchPending = false;
        int stillMissing = service.desiredCount - liveTasks(service, primary).size();
        if (service.active() && service.primary() == primary && !"FAILED".equals(primary.rolloutState) && stillMissing > 0) {
          launch(service, primary, stillMissing);
        }
      });
    } else if (missing < 0) {
      stopByScheduler(service, new ArrayList<>(live.subList(0, -missing)), scalingActivity(primary), 0, Failure.NONE);
      live = liveTasks(service, primary);
    }
    long healthy = live.stream().filter(t -> t.healthy).count();
    if (healthy < service.desiredCount) {
      return;
    }
    if (primary.stage != null && !"FAILED".equals(primary.rolloutState)) {
      // Blue/green, linear, canary: both revisions run until CLEAN_UP (DG-BG).
      if (primary.stage.equals("SCALE_UP")) {
        enterStage(service, primary, "POST_SCALE_UP");
      }
      if (!primary.stage.equals("CLEAN_UP")) {
        return;
      }
    }
    if (service.setup().earlySuccessPercent() > 0 && "IN_PROGRESS".equals(primary.rolloutState)
        && service.deployments.size() > 1) {
      // Early success criteria with DEFERRED clean-up (DG-ESC): the deployment completes once enough
      // of its tasks are healthy; the old ones drain afterwards.
      complete(service, primary);
    }
    List<TaskState> draining = new ArrayList<>();
    for (DeploymentState older : service.deployments.subList(1, service.deployments.size())) {
      older.desiredCount = 0;
      draining.addAll(liveTasks(service, older));
    }
    stopByScheduler(service, draining, scalingActivity(primary), 0, Failure.NONE);
    // A deployment whose tasks have all stopped leaves the list; the one being rolled back stays
    // (ACTIVE, FAILED) until the restored one completes.
    service.deployments.removeIf(d -> d != primary && d != service.rollingBackFrom && drained(service, d));
    boolean othersDrained = service.deployments.stream().allMatch(d -> d == primary || drained(service, d));
    if (othersDrained && "IN_PROGRESS".equals(primary.rolloutState)) {
      if (primary.settlesAt > now) {
        // A rollback to tasks that still run takes ECS a while to settle all the same.
        after((primary.settlesAt - now) / 1000.0, () -> reconcile(service));
        return;
      }
      complete(service, primary);
      service.deployments.removeIf(d -> d != primary);
    }
    if (service.deployments.size() == 1 && !primary.steadyReported && "COMPLETED".equals(primary.rolloutState)) {
      primary.steadyReported = true;
      event(service, now, "(service " + service.name + ") has reached a steady state.");
    }
  }

  private ServiceDeploymentRecord newRecord(ServiceState service, String deploymentId, String sourceRevision, long at) {
    return new ServiceDeploymentRecord(arns.serviceDeployment(service.cluster.name, service.name, deploymentId),
        arns.serviceRevision(service.cluster.name, service.name, deploymentId), sourceRevision, at);
  }

  private void complete(ServiceState service, DeploymentState primary) {
    primary.rolloutState = "COMPLETED";
    primary.rolloutStateReason = "ECS deployment " + primary.id + " completed.";
    primary.updatedAt = now;
    service.lastCompleted = primary;
    if (service.rollingBackFrom != null) {
      // The restored deployment completed: the one that failed has rolled back; the restored one's
      // own ServiceDeployment stays as it ended before.
      service.rollingBackFrom.record.rolledBack(now);
      service.rollingBackFrom = null;
    }
    if (!primary.record.finished()) {
      primary.record.succeed(now);
    }
    event(service, now, "(service " + service.name + ") (deployment " + primary.id + ") deployment completed.");
  }

  /** The wait before relaunching after failures: doubling from the scenario's delay, capped. */
  private static double relaunchDelay(ServiceState service, DeploymentState deployment) {
    double base = service.spec.timings().relaunchDelay();
    return Math.min(MAX_RELAUNCH_DELAY_SECONDS, base * Math.pow(2, Math.min(20, deployment.failuresInARow - 1)));
  }

  private static boolean drained(ServiceState service, DeploymentState deployment) {
    return service.tasksOf(deployment).stream().allMatch(TaskState::stopped);
  }

  private List<TaskState> liveTasks(ServiceState service, DeploymentState deployment) {
    return service.tasksOf(deployment).stream().filter(TaskState::live).collect(Collectors.toList());
  }

  private void launch(ServiceState service, DeploymentState deployment, int count) {
    List<TaskState> started = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TaskFate fate = deployment.scripted ? service.spec.fateOf(deployment.launched) : HEALTHY;
      if (fate.kind() == TaskFate.Kind.CANNOT_BE_PLACED) {
        cannotPlace(service, deployment);
        break;
      }
      deployment.launched++;
      TaskState task = newTask(service, deployment, fate, now);
      started.add(task);
      scheduleLifecycle(service, task);
    }
    if (!started.isEmpty()) {
      service.placementMessage = null;
      deployment.updatedAt = now;
      event(service, now, startedMessage(service, started));
    }
  }

  private void cannotPlace(ServiceState service, DeploymentState deployment) {
    String message = "(service " + service.name + ") was unable to place a task because no container instance met all "
        + "of its requirements. The closest matching (container-instance " + service.cluster.containerInstanceId
        + ") has insufficient memory available. " + TROUBLESHOOTING;
    // ECS omits an identical event until the cause is resolved or about six hours pass (DG service events).
    if (!message.equals(service.placementMessage) || now - service.placementReportedAt >= PLACEMENT_REPEAT_MILLIS) {
      event(service, now, message);
      service.placementMessage = message;
      service.placementReportedAt = now;
    }
    deployment.launchPending = true;
    after(service.spec.timings().placementRetry(), () -> {
      deployment.launchPending = false;
      reconcile(service);
    });
  }

  private TaskState newTask(ServiceState service, DeploymentState deployment, TaskFate fate, long createdAt) {
    String taskId = ids.taskId();
    ClusterState cluster = service.cluster;
    String taskArn = arns.task(cluster.name, taskId);
    List<ContainerState> containers = new ArrayList<>();
    ObjectNode definition = taskDefinitions.find(deployment.taskDefinitionArn);
    for (JsonNode container : definition.get("containerDefinitions")) {
      String name = container.path("name").asText();
      JsonNode logConfiguration = container.path("logConfiguration");
      String group = null;
      String stream = null;
      if ("awslogs".equals(logConfiguration.path("logDriver").asText())) {
        JsonNode options = logConfiguration.path("options");
        String prefix = options.path("awslogs-stream-prefix").asText("");
        group = options.path("awslogs-group").asText(null);
        stream = prefix.isEmpty() ? null : prefix + "/" + name + "/" + taskId;
      }
      containers.add(new ContainerState(arns.container(cluster.name, taskId, ids.uuid()), name,
          container.path("image").asText(), container.path("essential").asBoolean(true), group, stream));
    }
    String launchType = service.spec.launchType();
    String instance = "EC2".equals(launchType) ? arns.containerInstance(cluster.name, cluster.containerInstanceId) : null;
    String zone = arns.region() + "abc".charAt(ids.between(0, 3));
    TaskState task = new TaskState(taskArn, taskId, cluster, service.name, deployment.id, deployment.taskDefinitionArn,
        launchType, instance, zone, fate, containers, createdAt);
    cluster.tasks.put(taskArn, task);
    return task;
  }

  private void scheduleLifecycle(ServiceState service, TaskState task) {
    ScenarioSpec.Timings timings = service.spec.timings();
    TaskFate fate = task.fate;
    after(timings.pendingAfter(), () -> {
      if (task.live()) {
        task.lastStatus = "PENDING";
        task.connectivityAt = now;
        task.pullStartedAt = now;
        task.version++;
      }
    });
    if (fate.kind() == TaskFate.Kind.FAILS_TO_START) {
      after(fate.afterSeconds(), () -> {
        if (task.live()) {
          failToStart(service, task);
        }
      });
      return;
    }
    after(timings.runningAfter(), () -> {
      if (!task.live()) {
        return;
      }
      task.pullStoppedAt = now - 1000;
      task.lastStatus = "RUNNING";
      task.startedAt = now;
      task.version++;
      startContainers(task);
      if (service.targetGroupArn != null) {
        event(service, now, registeredMessage(service, 1));
      }
      switch (fate.kind()) {
        case RUNS:
          after(timings.healthyAfter(), () -> {
            if (task.live() && task.running()) {
              task.healthy = true;
              DeploymentState deployment = service.deployment(task.deploymentId);
              if (deployment != null) {
                deployment.failuresInARow = 0;
                if (service.resetOnHealthyTask) {
                  deployment.failedTasks = 0;
                }
              }
              reconcile(service);
            }
          });
          break;
        case EXITS:
          after(fate.afterSeconds(), () -> {
            if (task.live()) {
              essentialContainerExited(service, task);
            }
          });
          break;
        case FAILS_HEALTH_CHECKS:
          after(fate.afterSeconds(), () -> {
            if (task.live()) {
              event(service, now, "(service " + service.name + ") (task " + task.id + ") (port 8080) is unhealthy in (target-group "
                  + service.targetGroupArn + ") due to (reason Health checks failed).");
              stopByScheduler(service, List.of(task),
                  "Task failed ELB health checks in (target-group " + service.targetGroupArn + ")", 143, Failure.HEALTH_CHECK);
              reconcile(service);
            }
          });
          break;
        default:
          throw new IllegalStateException("unexpected fate " + fate.kind());
      }
    });
  }

  /** Containers start; the essential one writes its scripted lines over its lifetime. */
  private void startContainers(TaskState task) {
    TaskFate fate = task.fate;
    double window = fate.kind() == TaskFate.Kind.EXITS ? fate.afterSeconds() : 6;
    List<String> lines = fate.logLines();
    for (ContainerState container : task.containers) {
      container.lastStatus = "RUNNING";
      container.runtimeId = task.id + "-" + (1_000_000_000L + Math.floorMod(container.arn.hashCode(), 1_000_000_000));
      if (container != task.essentialContainer() || container.logGroup == null || container.logStream == null) {
        continue;
      }
      for (int i = 0; i < lines.size(); i++) {
        long offset = 200 + Math.round((window * 1000 - 300) * i / Math.max(1, lines.size()));
        logs.append(container.logGroup, container.logStream, task.startedAt + offset, lines.get(i));
      }
    }
  }

  private void essentialContainerExited(ServiceState service, TaskState task) {
    task.desiredStatus = "STOPPED";
    task.lastStatus = "STOPPING";
    task.stoppingAt = now;
    task.executionStoppedAt = now;
    task.stopCode = "EssentialContainerExited";
    task.stoppedReason = "Essential container in task exited";
    task.version++;
    for (ContainerState container : task.containers) {
      container.lastStatus = "STOPPED";
      if (container == task.essentialContainer()) {
        container.exitCode = task.fate.exitCode();
        container.reason = task.fate.reason();
      } else {
        container.exitCode = 0;
      }
      truncateLogs(container);
    }
    after(2, () -> finishStopping(service, task, Failure.AFTER_RUNNING));
  }

  private void failToStart(ServiceState service, TaskState task) {
    String image = task.essentialContainer().image;
    String reason = task.fate.reason().replace("{image}", qualifiedImage(image));
    task.desiredStatus = "STOPPED";
    task.lastStatus = "DEPROVISIONING";
    task.stoppingAt = now;
    task.executionStoppedAt = now;
    task.stopCode = "TaskFailedToStart";
    task.stoppedReason = reason;
    task.version++;
    for (ContainerState container : task.containers) {
      container.lastStatus = "STOPPED";
      container.reason = reason;
    }
    after(1, () -> finishStopping(service, task, Failure.BEFORE_RUNNING));
  }

  /** How the container runtime names an image: {@code app:1} is {@code docker.io/library/app:1}. */
  static String qualifiedImage(String image) {
    String ref = image;
    int slash = ref.indexOf('/');
    String first = slash < 0 ? "" : ref.substring(0, slash);
    if (slash < 0) {
      ref = "docker.io/library/" + ref;
    } else if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
      ref = "docker.io/" + ref;
    }
    String last = ref.substring(ref.lastIndexOf('/') + 1);
    return last.contains(":") || last.contains("@") ? ref : ref + ":latest";
  }

  private static String scalingActivity(DeploymentState initiator) {
    return "Scaling activity initiated by (deployment " + initiator.id + ")";
  }

  /**
   * The scheduler stops live tasks (draining, scaling in, failed health checks), with one event
   * for them all. A {@code failure} counts against the deployment once the task has stopped.
   */
  private void stopByScheduler(ServiceState service, List<TaskState> tasks, String reason, int exitCode, Failure failed) {
    if (tasks.isEmpty()) {
      return;
    }
    for (TaskState task : tasks) {
      stop(service, task, "ServiceSchedulerInitiated", reason, exitCode, failed);
    }
    if (service.targetGroupArn != null) {
      event(service, now, "(service " + service.name + ") deregistered " + tasks.size() + " targets in (target-group "
          + service.targetGroupArn + ")");
    }
    event(service, now, "(service " + service.name + ") has stopped " + tasks.size() + " running tasks: "
        + taskList(tasks) + ".");
  }

  private void stop(ServiceState service, TaskState task, String stopCode, String reason, int exitCode, Failure failed) {
    task.desiredStatus = "STOPPED";
    task.lastStatus = service.targetGroupArn != null && task.running() ? "DEACTIVATING" : "STOPPING";
    task.stoppingAt = now;
    task.stopCode = stopCode;
    task.stoppedReason = reason;
    task.version++;
    after(service.spec.timings().drainSeconds(), () -> {
      task.executionStoppedAt = now;
      for (ContainerState container : task.containers) {
        if ("RUNNING".equals(container.lastStatus)) {
          container.exitCode = exitCode;
        }
        container.lastStatus = "STOPPED";
        truncateLogs(container);
      }
      finishStopping(service, task, failed);
    });
  }

  private void truncateLogs(ContainerState container) {
    if (container.logGroup != null && container.logStream != null) {
      logs.truncateAfter(container.logGroup, container.logStream, now);
    }
  }

  private void finishStopping(ServiceState service, TaskState task, Failure failure) {
    task.lastStatus = "STOPPED";
    task.stoppedAt = now;
    task.version++;
    DeploymentState deployment = service.deployment(task.deploymentId);
    if (failure != Failure.NONE && deployment != null) {
      deployment.stoppedFailures++;
      deployment.failuresInARow++;
      deployment.updatedAt = now;
      if (failure.countsForBreaker()) {
        deployment.failedTasks++;
        tripCircuitBreaker(service, deployment);
      }
      if (deployment.stoppedFailures >= START_IMPAIRED_AFTER && "IN_PROGRESS".equals(deployment.rolloutState)
          && !deployment.startImpairedReported) {
        deployment.startImpairedReported = true;
        event(service, now, "(service " + service.name + ") is unable to consistently start tasks successfully. " + TROUBLESHOOTING);
      }
    }
    reconcile(service);
  }

  private void tripCircuitBreaker(ServiceState service, DeploymentState deployment) {
    if (!service.breakerEnable || deployment != service.primary() || !"IN_PROGRESS".equals(deployment.rolloutState)
        || deployment.failedTasks < service.breakerThreshold()) {
      return;
    }
    deployment.rolloutState = "FAILED";
    deployment.rolloutStateReason = "ECS deployment circuit breaker: task failed to start.";
    deployment.record.breakerTriggered = true;
    event(service, now, "(service " + service.name + ") (deployment " + deployment.id + ") deployment failed: tasks failed to start.");
    DeploymentState target = service.lastCompleted;
    if (!service.breakerRollback || target == null || target == deployment) {
      // Failed without rollback: the service deployment stops (API ServiceDeployment.stoppedAt).
      deployment.record.stop(now, "ECS deployment circuit breaker: tasks failed to start.");
      return;
    }
    rollBack(service, deployment, target, "ECS deployment circuit breaker: rolling back to deploymentId " + target.id + ".");
  }

  // ---------------------------------------------------------------------------------------------
  // Blue/green, linear and canary: lifecycle stages, traffic, bake, alarms, pause hooks (DG-BG,
  // DG-LINEAR, DG-ALARM, DG-PAUSE). Stage lengths not set by the scenario are a few seconds.

  /** Moves a staged deployment into {@code stage}, unless a PAUSE hook holds it before. */
  private void enterStage(ServiceState service, DeploymentState deployment, String stage) {
    if (!stillStaged(service, deployment)) {
      return;
    }
    ScenarioSpec.Staged staged = service.setup().staged();
    String hookStage = stage.equals("PRODUCTION_TRAFFIC_SHIFT") ? "PRE_PRODUCTION_TRAFFIC_SHIFT" : stage;
    if (hookStage.equals(staged.pauseStage()) && deployment.hookStatus == null) {
      // The hook holds the deployment at the stage before; ECS emits HOOK_AWAITING_ACTION and waits.
      deployment.hookId = "hook-" + deployment.id.substring(deployment.id.indexOf('/') + 1);
      deployment.hookStatus = "AWAITING_ACTION";
      deployment.hookExpiresAt = now + staged.pauseTimeoutMinutes() * 60_000L;
      deployment.pendingStage = stage;
      deployment.record.updatedAt = now;
      after(staged.pauseTimeoutMinutes() * 60.0, () -> {
        if ("AWAITING_ACTION".equals(deployment.hookStatus) && stillStaged(service, deployment)) {
          deployment.hookStatus = "TIMED_OUT";
          failStaged(service, deployment, "ECS deployment " + deployment.id + " failed: lifecycle hook " + deployment.hookId
              + " timed out.", "The lifecycle hook timed out and its timeout action is ROLLBACK.");
        }
      });
      return;
    }
    deployment.stage = stage;
    deployment.updatedAt = now;
    deployment.record.updatedAt = now;
    switch (stage) {
      case "PRE_SCALE_UP" -> after(1, () -> enterStage(service, deployment, "SCALE_UP"));
      case "SCALE_UP" -> reconcile(service);
      case "POST_SCALE_UP" -> after(1, () -> enterStage(service, deployment, "TEST_TRAFFIC_SHIFT"));
      case "TEST_TRAFFIC_SHIFT" -> {
        deployment.testWeight = 100;
        after(2, () -> enterStage(service, deployment, "POST_TEST_TRAFFIC_SHIFT"));
      }
      case "POST_TEST_TRAFFIC_SHIFT" -> after(1, () -> enterStage(service, deployment, "PRODUCTION_TRAFFIC_SHIFT"));
      case "PRODUCTION_TRAFFIC_SHIFT" -> shiftProduction(service, deployment);
      case "POST_PRODUCTION_TRAFFIC_SHIFT" -> after(1, () -> enterStage(service, deployment, "BAKE_TIME"));
      case "BAKE_TIME" -> {
        if (staged.alarmName() != null && staged.alarmAfterBakeSeconds() >= 0) {
          after(staged.alarmAfterBakeSeconds(), () -> alarm(service, deployment));
        }
        after(staged.bakeMinutes() * 60, () -> enterStage(service, deployment, "CLEAN_UP"));
      }
      case "CLEAN_UP" -> reconcile(service);
      default -> throw new IllegalStateException("no stage " + stage);
    }
  }

  /** One step of production traffic: all at once (BLUE_GREEN), by steps (LINEAR), canary then all (CANARY). */
  private void shiftProduction(ServiceState service, DeploymentState deployment) {
    ScenarioSpec.Staged staged = service.setup().staged();
    double bakeSeconds;
    switch (staged.strategy()) {
      case "LINEAR" -> {
        deployment.productionWeight = Math.min(100, deployment.productionWeight + staged.stepPercent());
        bakeSeconds = staged.stepBakeMinutes() * 60;
      }
      case "CANARY" -> {
        deployment.productionWeight = deployment.productionWeight == 0 ? staged.canaryPercent() : 100;
        bakeSeconds = staged.canaryBakeMinutes() * 60;
      }
      default -> {
        deployment.productionWeight = 100;
        bakeSeconds = 0;
      }
    }
    deployment.record.updatedAt = now;
    if (deployment.productionWeight < 100) {
      after(bakeSeconds, () -> {
        if (stillStaged(service, deployment)) {
          shiftProduction(service, deployment);
        }
      });
    } else {
      after(2, () -> enterStage(service, deployment, "POST_PRODUCTION_TRAFFIC_SHIFT"));
    }
  }

  /** The deployment's CloudWatch alarm goes to ALARM during the bake: ECS rolls back (DG-ALARM). */
  private void alarm(ServiceState service, DeploymentState deployment) {
    if (!stillStaged(service, deployment) || !"BAKE_TIME".equals(deployment.stage)) {
      return;
    }
    String name = service.setup().staged().alarmName();
    deployment.record.triggeredAlarm = name;
    failStaged(service, deployment, "ECS deployment " + deployment.id + " failed: alarm " + name + " is in ALARM state.",
        "CloudWatch alarm " + name + " triggered a rollback.");
  }

  /** A staged deployment fails: traffic goes back to the previous revision, which is restored. */
  private void failStaged(ServiceState service, DeploymentState deployment, String rolloutReason, String rollbackReason) {
    deployment.rolloutState = "FAILED";
    deployment.rolloutStateReason = rolloutReason;
    deployment.productionWeight = 0;
    deployment.testWeight = 0;
    deployment.updatedAt = now;
    event(service, now, "(service " + service.name + ") (deployment " + deployment.id + ") deployment failed: "
        + rolloutReason.substring(rolloutReason.indexOf("failed: ") + "failed: ".length()));
    DeploymentState target = service.lastCompleted;
    if (target == null || target == deployment) {
      deployment.record.stop(now, rolloutReason);
      return;
    }
    rollBack(service, deployment, target, rollbackReason);
    reconcile(service);
  }

  /** ContinueServiceDeployment on the deployment's paused hook: go on, or roll back. */
  void continueHook(ServiceState service, DeploymentState deployment, String action) {
    String stage = deployment.pendingStage;
    deployment.pendingStage = null;
    if ("ROLLBACK".equals(action)) {
      deployment.hookStatus = "FAILED";
      failStaged(service, deployment, "ECS deployment " + deployment.id + " failed: lifecycle hook " + deployment.hookId
          + " asked for a rollback.", "A lifecycle hook asked for a rollback.");
      return;
    }
    deployment.hookStatus = "SUCCEEDED";
    enterStage(service, deployment, stage);
  }

  private static boolean stillStaged(ServiceState service, DeploymentState deployment) {
    return service.active() && service.primary() == deployment && "IN_PROGRESS".equals(deployment.rolloutState);
  }

  /** StopServiceDeployment with ROLLBACK: the deployment fails by request and the previous one is restored. */
  void stopWithRollback(ServiceState service, DeploymentState deployment, DeploymentState target) {
    deployment.rolloutState = "FAILED";
    deployment.rolloutStateReason = "ECS deployment stopped by request: rolling back to deploymentId " + target.id + ".";
    deployment.updatedAt = now;
    rollBack(service, deployment, target, "Service deployment rolled back because of a request to stop it.");
    reconcile(service);
  }

  /** Restores {@code target} in place of {@code failed}, as the circuit breaker or a stop request does. */
  void rollBack(ServiceState service, DeploymentState failed, DeploymentState target, String reason) {
    failed.record.rollBack(now, reason, target.record.revisionArn);
    service.rollingBackFrom = failed;
    event(service, now, "(service " + service.name + ") rolling back to deployment " + target.id + ".");
    if (service.deployments.contains(target)) {
      // The deployment rolled back to is the one still running: it becomes PRIMARY again, with its
      // own id, and completes as "(deployment <its id>) deployment completed".
      reactivate(service, target, reason);
    } else {
      startDeployment(service, target.taskDefinitionArn, false, reason);
    }
  }

  private void reactivate(ServiceState service, DeploymentState target, String reason) {
    for (DeploymentState deployment : service.deployments) {
      deployment.status = "ACTIVE";
    }
    service.deployments.remove(target);
    service.deployments.add(0, target);
    target.status = "PRIMARY";
    target.rolloutState = "IN_PROGRESS";
    target.rolloutStateReason = reason;
    target.desiredCount = service.desiredCount;
    target.steadyReported = false;
    target.settlesAt = now + Math.round(service.spec.timings().healthyAfter() * 2000);
    target.updatedAt = now;
    service.taskDefinitionArn = target.taskDefinitionArn;
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  private void event(ServiceState service, long at, String message) {
    service.events.addFirst(new ServiceEvent(ids.uuid(), at, message));
    while (service.events.size() > ServiceState.MAX_EVENTS) {
      service.events.removeLast();
    }
  }

  private static String startedMessage(ServiceState service, List<TaskState> tasks) {
    return "(service " + service.name + ") has started " + tasks.size() + " tasks: " + taskList(tasks) + ".";
  }

  private static String registeredMessage(ServiceState service, int count) {
    return "(service " + service.name + ") registered " + count + " targets in (target-group " + service.targetGroupArn + ")";
  }

  private static String taskList(List<TaskState> tasks) {
    StringBuilder out = new StringBuilder();
    for (Iterator<TaskState> it = tasks.iterator(); it.hasNext(); ) {
      out.append("(task ").append(it.next().id).append(')');
      if (it.hasNext()) {
        out.append(' ');
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // Look-ups shared by the API

  ClusterState cluster(String nameOrArn) {
    String name = Arns.lastSegment(nameOrArn == null || nameOrArn.isEmpty() ? "default" : nameOrArn);
    ClusterState cluster = clusters.get(name);
    if (cluster == null) {
      throw ApiException.clusterNotFound();
    }
    return cluster;
  }

  /** The service a name or ARN names in the cluster, or null. */
  static ServiceState service(ClusterState cluster, String nameOrArn) {
    return cluster.services.get(Arns.lastSegment(nameOrArn));
  }

  /** The task a task ARN or id names in the cluster, or null. */
  static TaskState task(ClusterState cluster, String arnOrId) {
    TaskState byArn = cluster.tasks.get(arnOrId);
    if (byArn != null) {
      return byArn;
    }
    String id = Arns.lastSegment(arnOrId);
    for (TaskState task : cluster.tasks.values()) {
      if (task.id.equals(id)) {
        return task;
      }
    }
    return null;
  }
}
