package io.ecsgate.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The ECS operations over the engine: requests and responses as the JSON shapes of the
 * AmazonEC2ContainerServiceV20141113 API.
 */
public final class EcsApi {
  public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
  private static final int MAX_SERVICES = 10;
  private static final int MAX_TASKS = 100;

  private final Engine engine;
  private final ServiceDeploymentsApi serviceDeployments;

  public EcsApi(Engine engine) {
    this.engine = engine;
    this.serviceDeployments = new ServiceDeploymentsApi(engine);
  }

  /** Runs one operation; the caller holds the engine's monitor and has synced it. */
  public ObjectNode call(String operation, JsonNode request) {
    switch (operation) {
      case "DescribeServices":
        return describeServices(request);
      case "UpdateService":
        return updateService(request);
      case "ListTasks":
        return listTasks(request);
      case "ListClusters":
        return page(engine.clusters.values().stream().map(c -> c.arn).toList(), request, "clusterArns", MAX_TASKS);
      case "ListServices":
        return page(engine.cluster(Json.text(request, "cluster")).services.values().stream().map(sv -> sv.arn).toList(),
            request, "serviceArns", MAX_SERVICES);
      case "DescribeTasks":
        return describeTasks(request);
      case "DescribeTaskDefinition":
        return describeTaskDefinition(request);
      case "RegisterTaskDefinition":
        return registerTaskDefinition(request);
      case "ListServiceDeployments":
        return serviceDeployments.list(request);
      case "DescribeServiceDeployments":
        return serviceDeployments.describe(request);
      case "DescribeServiceRevisions":
        return serviceDeployments.describeRevisions(request);
      case "StopServiceDeployment":
        return serviceDeployments.stop(request);
      case "ContinueServiceDeployment":
        return serviceDeployments.resume(request);
      default:
        throw ApiException.client("UnknownOperationException", null);
    }
  }

  private ObjectNode describeServices(JsonNode request) {
    List<String> names = Json.strings(request, "services");
    if (names.isEmpty()) {
      throw ApiException.invalidParameter("Services cannot be empty.");
    }
    if (names.size() > MAX_SERVICES) {
      throw ApiException.invalidParameter("services can have at most " + MAX_SERVICES + " items.");
    }
    ClusterState cluster = engine.cluster(Json.text(request, "cluster"));
    ObjectNode out = Json.object();
    ArrayNode services = out.putArray("services");
    ArrayNode failures = out.putArray("failures");
    for (String name : names) {
      ServiceState service = Engine.service(cluster, name);
      if (service == null) {
        ObjectNode failure = failures.addObject();
        failure.put("arn", engine.arns.service(cluster.name, Arns.lastSegment(name)));
        failure.put("reason", "MISSING");
      } else {
        services.add(render(service));
      }
    }
    return out;
  }

  private ObjectNode updateService(JsonNode request) {
    String name = Json.requiredText(request, "service");
    ClusterState cluster = engine.cluster(Json.text(request, "cluster"));
    ServiceState service = Engine.service(cluster, name);
    if (service == null) {
      throw ApiException.serviceNotFound();
    }
    engine.updateService(service, Json.integer(request, "desiredCount"), Json.text(request, "taskDefinition"),
        Json.bool(request, "forceNewDeployment"), request.get("deploymentConfiguration"));
    ObjectNode out = Json.object();
    out.set("service", render(service));
    return out;
  }

  private ObjectNode listTasks(JsonNode request) {
    ClusterState cluster = engine.cluster(Json.text(request, "cluster"));
    String serviceName = Json.text(request, "serviceName");
    if (serviceName != null && Engine.service(cluster, serviceName) == null) {
      throw ApiException.serviceNotFound();
    }
    String desiredStatus = Json.text(request, "desiredStatus");
    String wanted = desiredStatus == null ? "RUNNING" : desiredStatus;
    if (!List.of("RUNNING", "PENDING", "STOPPED").contains(wanted)) {
      throw ApiException.invalidParameter("Invalid desiredStatus: " + desiredStatus);
    }
    String startedBy = Json.text(request, "startedBy");
    String family = Json.text(request, "family");
    String launchType = Json.text(request, "launchType");
    // "When you specify startedBy as the filter, it must be the only filter that you use" (ListTasks
    // API reference). ECS documents no message for it: this one is the simulator's.
    if (startedBy != null && (serviceName != null || desiredStatus != null || family != null || launchType != null
        || Json.text(request, "containerInstance") != null)) {
      throw ApiException.invalidParameter("startedBy must be the only filter of ListTasks.");
    }
    List<String> matching = new ArrayList<>();
    for (TaskState task : cluster.tasks.values()) {
      if (wanted.equals("PENDING") ? !task.pending() || !task.live() : !wanted.equals(task.desiredStatus)) {
        continue;
      }
      if (serviceName != null && !Arns.lastSegment(serviceName).equals(task.serviceName)
          || startedBy != null && !startedBy.equals(task.deploymentId)
          || family != null && !task.taskDefinitionArn.contains(":task-definition/" + family + ":")
          || launchType != null && !launchType.equals(task.launchType)) {
        continue;
      }
      matching.add(task.arn);
    }
    return page(matching, request, "taskArns", MAX_TASKS);
  }

  /**
   * One page of ARNs for the List* calls: {@code maxResults} (1 to 100, default {@code defaultSize})
   * and an opaque {@code nextToken}.
   */
  private static ObjectNode page(List<String> arns, JsonNode request, String field, int defaultSize) {
    Integer maxResults = Json.integer(request, "maxResults");
    int pageSize = maxResults == null ? defaultSize : maxResults;
    if (pageSize < 1 || pageSize > MAX_TASKS) {
      throw ApiException.invalidParameter("maxResults must be between 1 and 100.");
    }
    int from = decodeToken(Json.text(request, "nextToken"));
    int to = Math.min(arns.size(), from + pageSize);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray(field);
    arns.subList(Math.min(from, arns.size()), to).forEach(list::add);
    if (to < arns.size()) {
      out.put("nextToken", encodeToken(to));
    }
    return out;
  }

  static String encodeToken(int offset) {
    return Base64.getEncoder().encodeToString(("ecs-sim:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  static int decodeToken(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith("ecs-sim:")) {
        return Integer.parseInt(text.substring("ecs-sim:".length()));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw ApiException.invalidParameter("Invalid token");
  }

  private ObjectNode describeTasks(JsonNode request) {
    List<String> refs = Json.strings(request, "tasks");
    if (refs.isEmpty()) {
      throw ApiException.invalidParameter("Tasks cannot be empty.");
    }
    if (refs.size() > MAX_TASKS) {
      throw ApiException.invalidParameter("tasks can have at most " + MAX_TASKS + " items.");
    }
    ClusterState cluster = engine.cluster(Json.text(request, "cluster"));
    ObjectNode out = Json.object();
    ArrayNode tasks = out.putArray("tasks");
    ArrayNode failures = out.putArray("failures");
    for (String ref : refs) {
      TaskState task = Engine.task(cluster, ref);
      if (task == null) {
        ObjectNode failure = failures.addObject();
        failure.put("arn", ref.startsWith("arn:") ? ref : engine.arns.task(cluster.name, ref));
        failure.put("reason", "MISSING");
      } else {
        tasks.add(render(task));
      }
    }
    return out;
  }

  private ObjectNode describeTaskDefinition(JsonNode request) {
    String reference = Json.requiredText(request, "taskDefinition");
    ObjectNode definition = engine.taskDefinitions.find(reference);
    if (definition == null) {
      throw ApiException.client("ClientException", "Unable to describe task definition.");
    }
    ObjectNode out = Json.object();
    out.set("taskDefinition", definition.deepCopy());
    out.putArray("tags");
    return out;
  }

  private ObjectNode registerTaskDefinition(JsonNode request) {
    ObjectNode definition = engine.taskDefinitions.register(request, engine.now());
    for (JsonNode container : definition.get("containerDefinitions")) {
      JsonNode options = container.path("logConfiguration").path("options");
      if (options.hasNonNull("awslogs-group")) {
        engine.logs.createGroup(options.get("awslogs-group").asText());
      }
    }
    ObjectNode out = Json.object();
    out.set("taskDefinition", definition.deepCopy());
    out.set("tags", request.has("tags") ? request.get("tags").deepCopy() : Json.array());
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  private ObjectNode render(ServiceState service) {
    ObjectNode out = Json.object();
    out.put("serviceArn", service.arn);
    out.put("serviceName", service.name);
    out.put("clusterArn", service.cluster.arn);
    ArrayNode loadBalancers = out.putArray("loadBalancers");
    if (service.targetGroupArn != null) {
      ObjectNode loadBalancer = loadBalancers.addObject();
      loadBalancer.put("targetGroupArn", service.targetGroupArn);
      loadBalancer.put("containerName", "app");
      loadBalancer.put("containerPort", 8080);
    }
    out.putArray("serviceRegistries");
    out.put("status", service.status);
    out.put("desiredCount", service.desiredCount);
    List<TaskState> tasks = service.tasks();
    out.put("runningCount", tasks.stream().filter(TaskState::running).count());
    out.put("pendingCount", tasks.stream().filter(TaskState::pending).count());
    String launchType = service.spec.launchType();
    out.put("launchType", launchType);
    if ("FARGATE".equals(launchType)) {
      out.put("platformVersion", "LATEST");
      out.put("platformFamily", "Linux");
    }
    out.put("taskDefinition", service.taskDefinitionArn);
    ObjectNode configuration = out.putObject("deploymentConfiguration");
    ObjectNode breaker = configuration.putObject("deploymentCircuitBreaker");
    breaker.put("enable", service.breakerEnable);
    breaker.put("rollback", service.breakerRollback);
    configuration.put("maximumPercent", service.maximumPercent);
    configuration.put("minimumHealthyPercent", service.minimumHealthyPercent);
    putStrategy(configuration, service);
    ArrayNode deployments = out.putArray("deployments");
    if (service.codeDeploy()) {
      // A CODE_DEPLOY service has task sets, one per CodeDeploy deployment, and no deployments.
      ArrayNode taskSets = out.putArray("taskSets");
      for (DeploymentState deployment : service.deployments) {
        taskSets.add(renderTaskSet(service, deployment));
      }
    } else {
      for (DeploymentState deployment : service.deployments) {
        deployments.add(render(service, deployment));
      }
    }
    out.put("roleArn", engine.arns.role("aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"));
    ArrayNode events = out.putArray("events");
    for (ServiceEvent event : service.events) {
      ObjectNode node = events.addObject();
      node.put("id", event.id());
      Json.putTime(node, "createdAt", event.createdAt());
      node.put("message", event.message());
    }
    Json.putTime(out, "createdAt", service.createdAt);
    out.putArray("placementConstraints");
    out.putArray("placementStrategy");
    out.set("networkConfiguration", networkConfiguration());
    if (service.targetGroupArn != null) {
      out.put("healthCheckGracePeriodSeconds", 0);
    }
    out.put("schedulingStrategy", "REPLICA");
    out.putObject("deploymentController").put("type", service.setup().controller());
    if (!service.codeDeploy() && !service.deployments.isEmpty()) {
      out.put("currentServiceDeployment", service.primary().record.arn);
    }
    out.put("createdBy", engine.arns.role("deployer"));
    out.put("enableECSManagedTags", false);
    out.put("propagateTags", "NONE");
    out.put("enableExecuteCommand", false);
    return out;
  }

  private ObjectNode render(ServiceState service, DeploymentState deployment) {
    List<TaskState> tasks = service.tasksOf(deployment);
    ObjectNode out = Json.object();
    out.put("id", deployment.id);
    out.put("status", deployment.status);
    out.put("taskDefinition", deployment.taskDefinitionArn);
    out.put("desiredCount", deployment.desiredCount);
    out.put("pendingCount", tasks.stream().filter(TaskState::pending).count());
    out.put("runningCount", tasks.stream().filter(TaskState::running).count());
    out.put("failedTasks", deployment.failedTasks);
    Json.putTime(out, "createdAt", deployment.createdAt);
    Json.putTime(out, "updatedAt", deployment.updatedAt);
    String launchType = service.spec.launchType();
    out.put("launchType", launchType);
    if ("FARGATE".equals(launchType)) {
      out.put("platformVersion", "1.4.0");
      out.put("platformFamily", "Linux");
    }
    out.set("networkConfiguration", networkConfiguration());
    // "The rolloutState of a deployment is only included for services that use the rolling update
    // (ECS) deployment type that aren't behind a Classic Load Balancer" (API Deployment).
    if (!service.setup().classicLoadBalancer()) {
      out.put("rolloutState", deployment.rolloutState);
      out.put("rolloutStateReason", deployment.rolloutStateReason);
    }
    return out;
  }

  /** strategy, bake time, linear/canary settings, alarms and lifecycle hooks of a deploymentConfiguration. */
  static void putStrategy(ObjectNode configuration, ServiceState service) {
    ScenarioSpec.Staged staged = service.setup().staged();
    if (staged == null) {
      configuration.put("strategy", "ROLLING");
      return;
    }
    configuration.put("strategy", staged.strategy());
    configuration.put("bakeTimeInMinutes", (int) Math.ceil(staged.bakeMinutes()));
    if (staged.strategy().equals("LINEAR")) {
      configuration.putObject("linearConfiguration").put("stepPercent", staged.stepPercent())
          .put("stepBakeTimeInMinutes", (int) Math.ceil(staged.stepBakeMinutes()));
    }
    if (staged.strategy().equals("CANARY")) {
      configuration.putObject("canaryConfiguration").put("canaryPercent", staged.canaryPercent())
          .put("canaryBakeTimeInMinutes", (int) Math.ceil(staged.canaryBakeMinutes()));
    }
    if (staged.alarmName() != null) {
      ObjectNode alarms = configuration.putObject("alarms");
      alarms.putArray("alarmNames").add(staged.alarmName());
      alarms.put("enable", true);
      alarms.put("rollback", true);
    }
    if (staged.pauseStage() != null) {
      ObjectNode hook = configuration.putArray("lifecycleHooks").addObject();
      hook.put("targetType", "PAUSE");
      hook.putArray("lifecycleStages").add(staged.pauseStage());
      hook.putObject("timeoutConfiguration").put("timeoutInMinutes", staged.pauseTimeoutMinutes()).put("action", "ROLLBACK");
    }
  }

  private ObjectNode renderTaskSet(ServiceState service, DeploymentState deployment) {
    List<TaskState> tasks = service.tasksOf(deployment);
    ObjectNode out = Json.object();
    out.put("id", deployment.id);
    out.put("taskSetArn", service.arn.replace(":service/", ":task-set/") + "/" + deployment.id);
    out.put("serviceArn", service.arn);
    out.put("clusterArn", service.cluster.arn);
    out.put("startedBy", "CodeDeploy");
    out.put("externalId", "d-" + deployment.id.substring(deployment.id.length() - 9));
    out.put("status", deployment.status);
    out.put("taskDefinition", deployment.taskDefinitionArn);
    out.put("computedDesiredCount", deployment.desiredCount);
    out.put("pendingCount", tasks.stream().filter(TaskState::pending).count());
    out.put("runningCount", tasks.stream().filter(TaskState::running).count());
    Json.putTime(out, "createdAt", deployment.createdAt);
    Json.putTime(out, "updatedAt", deployment.updatedAt);
    out.put("launchType", service.spec.launchType());
    out.set("networkConfiguration", networkConfiguration());
    ObjectNode scale = out.putObject("scale");
    scale.put("value", 100.0);
    scale.put("unit", "PERCENT");
    out.put("stabilityStatus", "STEADY_STATE");
    Json.putTime(out, "stabilityStatusAt", deployment.updatedAt);
    return out;
  }

  private static ObjectNode networkConfiguration() {
    ObjectNode out = Json.object();
    ObjectNode vpc = out.putObject("awsvpcConfiguration");
    vpc.putArray("subnets").add("subnet-0a1b2c3d4e5f60718").add("subnet-0f1e2d3c4b5a69788");
    vpc.putArray("securityGroups").add("sg-0123456789abcdef0");
    vpc.put("assignPublicIp", "DISABLED");
    return out;
  }

  private ObjectNode render(TaskState task) {
    ObjectNode out = Json.object();
    out.putArray("attachments");
    out.putArray("attributes").addObject().put("name", "ecs.cpu-architecture").put("value", "x86_64");
    out.put("availabilityZone", task.availabilityZone);
    out.put("clusterArn", task.cluster.arn);
    if (task.connectivityAt > 0) {
      out.put("connectivity", "CONNECTED");
      Json.putTime(out, "connectivityAt", task.connectivityAt);
    }
    Json.putIfNotNull(out, "containerInstanceArn", task.containerInstanceArn);
    ArrayNode containers = out.putArray("containers");
    for (ContainerState container : task.containers) {
      ObjectNode node = containers.addObject();
      node.put("containerArn", container.arn);
      node.put("taskArn", task.arn);
      node.put("name", container.name);
      node.put("image", container.image);
      Json.putIfNotNull(node, "runtimeId", container.runtimeId);
      node.put("lastStatus", container.lastStatus);
      if (container.exitCode != null) {
        node.put("exitCode", container.exitCode);
      }
      Json.putIfNotNull(node, "reason", container.reason);
      node.putArray("networkBindings");
      node.putArray("networkInterfaces");
      node.put("healthStatus", "UNKNOWN");
      node.put("cpu", "0");
    }
    out.put("cpu", "256");
    Json.putTime(out, "createdAt", task.createdAt);
    out.put("desiredStatus", task.desiredStatus);
    out.put("enableExecuteCommand", false);
    Json.putTime(out, "executionStoppedAt", task.executionStoppedAt);
    out.put("group", "service:" + task.serviceName);
    out.put("healthStatus", "UNKNOWN");
    out.put("lastStatus", task.lastStatus);
    out.put("launchType", task.launchType);
    out.put("memory", "512");
    ObjectNode overrides = out.putObject("overrides");
    ArrayNode containerOverrides = overrides.putArray("containerOverrides");
    for (ContainerState container : task.containers) {
      containerOverrides.addObject().put("name", container.name);
    }
    overrides.putArray("inferenceAcceleratorOverrides");
    if ("FARGATE".equals(task.launchType)) {
      out.put("platformVersion", "1.4.0");
      out.put("platformFamily", "Linux");
    }
    Json.putTime(out, "pullStartedAt", task.pullStartedAt);
    Json.putTime(out, "pullStoppedAt", task.pullStoppedAt);
    Json.putTime(out, "startedAt", task.startedAt);
    out.put("startedBy", task.deploymentId);
    Json.putIfNotNull(out, "stopCode", task.stopCode);
    Json.putTime(out, "stoppedAt", task.stoppedAt);
    Json.putIfNotNull(out, "stoppedReason", task.stoppedReason);
    Json.putTime(out, "stoppingAt", task.stoppingAt);
    out.putArray("tags");
    out.put("taskArn", task.arn);
    out.put("taskDefinitionArn", task.taskDefinitionArn);
    out.put("version", task.version);
    if ("FARGATE".equals(task.launchType)) {
      out.putObject("ephemeralStorage").put("sizeInGiB", 20);
    }
    return out;
  }
}
