package io.ecsgate.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ServiceDeployments API (2024-10, ECS API reference: ListServiceDeployments,
 * DescribeServiceDeployments, DescribeServiceRevisions, StopServiceDeployment,
 * ContinueServiceDeployment), over the engine's {@link ServiceDeploymentRecord}s.
 */
final class ServiceDeploymentsApi {
  private static final int MAX_DESCRIBE = 20;
  private static final int DEFAULT_PAGE = 20;

  private final Engine engine;

  ServiceDeploymentsApi(Engine engine) {
    this.engine = engine;
  }

  /** ListServiceDeployments: newest first, filtered by status and createdAt, paginated. */
  ObjectNode list(JsonNode request) {
    ClusterState cluster = engine.cluster(Json.text(request, "cluster"));
    ServiceState service = Engine.service(cluster, Json.requiredText(request, "service"));
    if (service == null) {
      throw ApiException.serviceNotFound();
    }
    List<String> statuses = Json.strings(request, "status");
    JsonNode createdAt = request.path("createdAt");
    long after = millis(createdAt.path("after"), Long.MIN_VALUE);
    long before = millis(createdAt.path("before"), Long.MAX_VALUE);
    List<ServiceDeploymentRecord> matching = service.history.stream()
        .filter(r -> statuses.isEmpty() || statuses.contains(r.status))
        .filter(r -> r.createdAt >= after && r.createdAt <= before)
        .sorted(Comparator.comparingLong((ServiceDeploymentRecord r) -> r.createdAt).reversed())
        .toList();
    Integer maxResults = Json.integer(request, "maxResults");
    int size = maxResults == null ? DEFAULT_PAGE : maxResults;
    if (size < 1 || size > 100) {
      throw ApiException.invalidParameter("maxResults must be between 1 and 100.");
    }
    int from = EcsApi.decodeToken(Json.text(request, "nextToken"));
    int to = Math.min(matching.size(), from + size);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("serviceDeployments");
    for (ServiceDeploymentRecord r : matching.subList(Math.min(from, matching.size()), to)) {
      ObjectNode brief = list.addObject();
      brief.put("serviceDeploymentArn", r.arn);
      brief.put("serviceArn", service.arn);
      brief.put("clusterArn", cluster.arn);
      Json.putTime(brief, "startedAt", r.createdAt);
      Json.putTime(brief, "createdAt", r.createdAt);
      Json.putTime(brief, "finishedAt", r.finishedAt);
      brief.put("targetServiceRevisionArn", r.revisionArn);
      brief.put("status", r.status);
      Json.putIfNotNull(brief, "statusReason", r.statusReason);
    }
    if (to < matching.size()) {
      out.put("nextToken", EcsApi.encodeToken(to));
    }
    return out;
  }

  /** DescribeServiceDeployments: up to 20 ARNs; unknown ones are failures with reason MISSING. */
  ObjectNode describe(JsonNode request) {
    List<String> arns = arnList(request, "serviceDeploymentArns");
    ObjectNode out = Json.object();
    ArrayNode found = out.putArray("serviceDeployments");
    ArrayNode failures = out.putArray("failures");
    for (String arn : arns) {
      Located at = locate(arn);
      if (at == null) {
        failures.addObject().put("arn", arn).put("reason", "MISSING");
      } else {
        found.add(render(at));
      }
    }
    return out;
  }

  /** DescribeServiceRevisions: one revision per deployment, what it ran. */
  ObjectNode describeRevisions(JsonNode request) {
    List<String> arns = arnList(request, "serviceRevisionArns");
    ObjectNode out = Json.object();
    ArrayNode found = out.putArray("serviceRevisions");
    ArrayNode failures = out.putArray("failures");
    for (String arn : arns) {
      DeploymentState deployment = revision(arn);
      if (deployment == null) {
        failures.addObject().put("arn", arn).put("reason", "MISSING");
        continue;
      }
      ServiceState service = owner(deployment);
      ObjectNode revision = found.addObject();
      revision.put("serviceRevisionArn", arn);
      revision.put("serviceArn", service.arn);
      revision.put("clusterArn", service.cluster.arn);
      revision.put("taskDefinition", deployment.taskDefinitionArn);
      revision.put("launchType", service.spec.launchType());
      if ("FARGATE".equals(service.spec.launchType())) {
        revision.put("platformVersion", "1.4.0");
        revision.put("platformFamily", "Linux");
      }
      revision.putArray("loadBalancers");
      revision.putArray("serviceRegistries");
      ArrayNode images = revision.putArray("containerImages");
      ObjectNode definition = engine.taskDefinitions.find(deployment.taskDefinitionArn);
      for (JsonNode container : definition.get("containerDefinitions")) {
        images.addObject().put("containerName", container.path("name").asText()).put("image", container.path("image").asText());
      }
      Json.putTime(revision, "createdAt", deployment.createdAt);
    }
    return out;
  }

  /**
   * StopServiceDeployment: "The valid values are ROLLBACK" (API reference), for a deployment still
   * under way; the previous revision is restored as the circuit breaker would.
   */
  ObjectNode stop(JsonNode request) {
    String arn = Json.requiredText(request, "serviceDeploymentArn");
    String stopType = Json.text(request, "stopType");
    if (stopType != null && !"ROLLBACK".equals(stopType)) {
      throw ApiException.invalidParameter("The stopType " + stopType + " is not supported. The valid values are ROLLBACK.");
    }
    Located at = locate(arn);
    if (at == null) {
      throw ApiException.client("ServiceDeploymentNotFoundException", "The service deployment does not exist.");
    }
    DeploymentState deployment = at.service.deployments.stream().filter(d -> d.record == at.record).findFirst().orElse(null);
    if (deployment == null || !"IN_PROGRESS".equals(at.record.status)) {
      throw ApiException.client("ConflictException", "The service deployment is " + at.record.status
          + " and can no longer be stopped.");
    }
    DeploymentState target = at.service.lastCompleted;
    if (target == null || target == deployment) {
      throw ApiException.client("ConflictException", "There is no previous service revision to roll back to.");
    }
    engine.stopWithRollback(at.service, deployment, target);
    ObjectNode out = Json.object();
    out.put("serviceDeploymentArn", arn);
    return out;
  }

  /** ContinueServiceDeployment: acts on a PAUSE hook AWAITING_ACTION, with CONTINUE (default) or ROLLBACK. */
  ObjectNode resume(JsonNode request) {
    String arn = Json.requiredText(request, "serviceDeploymentArn");
    String hookId = Json.requiredText(request, "hookId");
    String action = Json.text(request, "action");
    if (action != null && !action.equals("CONTINUE") && !action.equals("ROLLBACK")) {
      throw ApiException.invalidParameter("The action " + action + " is not valid: CONTINUE or ROLLBACK.");
    }
    Located at = locate(arn);
    if (at == null) {
      throw ApiException.client("ServiceDeploymentNotFoundException", "The service deployment does not exist.");
    }
    DeploymentState deployment = at.service.deployments.stream().filter(d -> d.record == at.record).findFirst().orElse(null);
    if (deployment == null || !hookId.equals(deployment.hookId) || !"AWAITING_ACTION".equals(deployment.hookStatus)) {
      throw ApiException.invalidParameter("The service deployment has no lifecycle hook " + hookId + " awaiting action.");
    }
    engine.continueHook(at.service, deployment, action == null ? "CONTINUE" : action);
    ObjectNode out = Json.object();
    out.put("serviceDeploymentArn", arn);
    return out;
  }

  private ObjectNode render(Located at) {
    ServiceDeploymentRecord r = at.record;
    ServiceState service = at.service;
    DeploymentState live = service.deployments.stream().filter(d -> d.record == r).findFirst().orElse(null);
    ObjectNode out = Json.object();
    out.put("serviceDeploymentArn", r.arn);
    out.put("serviceArn", service.arn);
    out.put("clusterArn", service.cluster.arn);
    Json.putTime(out, "createdAt", r.createdAt);
    Json.putTime(out, "startedAt", r.createdAt);
    Json.putTime(out, "finishedAt", r.finishedAt);
    Json.putTime(out, "stoppedAt", r.stoppedAt);
    Json.putTime(out, "updatedAt", r.updatedAt);
    boolean staged = live != null && live.stage != null;
    ArrayNode sources = out.putArray("sourceServiceRevisions");
    if (r.sourceRevisionArn != null) {
      ObjectNode source = sources.addObject().put("arn", r.sourceRevisionArn);
      DeploymentState previous = service.deployments.stream().filter(d -> d.record.revisionArn.equals(r.sourceRevisionArn))
          .findFirst().orElse(null);
      List<TaskState> old = previous == null ? List.of() : service.tasksOf(previous);
      source.put("requestedTaskCount", previous == null ? 0 : previous.desiredCount);
      source.put("runningTaskCount", old.stream().filter(TaskState::running).count());
      source.put("pendingTaskCount", old.stream().filter(TaskState::pending).count());
      if (staged) {
        source.put("requestedTestTrafficWeight", 100 - live.testWeight);
        source.put("requestedProductionTrafficWeight", 100 - live.productionWeight);
      }
    }
    ObjectNode target = out.putObject("targetServiceRevision");
    target.put("arn", r.revisionArn);
    List<TaskState> tasks = live == null ? List.of() : service.tasksOf(live);
    target.put("requestedTaskCount", live == null ? 0 : live.desiredCount);
    target.put("runningTaskCount", tasks.stream().filter(TaskState::running).count());
    target.put("pendingTaskCount", tasks.stream().filter(TaskState::pending).count());
    if (staged) {
      target.put("requestedTestTrafficWeight", live.testWeight);
      target.put("requestedProductionTrafficWeight", live.productionWeight);
    }
    out.put("status", r.status);
    Json.putIfNotNull(out, "statusReason", r.statusReason);
    if (staged) {
      out.put("lifecycleStage", live.stage);
    }
    if (live != null && live.hookId != null) {
      ObjectNode hook = out.putArray("lifecycleHookDetails").addObject();
      hook.put("hookId", live.hookId);
      hook.put("targetType", "PAUSE");
      hook.put("status", live.hookStatus);
      Json.putTime(hook, "expiresAt", live.hookExpiresAt);
      hook.put("timeoutAction", "ROLLBACK");
    }
    ObjectNode configuration = out.putObject("deploymentConfiguration");
    ObjectNode breaker = configuration.putObject("deploymentCircuitBreaker");
    breaker.put("enable", service.breakerEnable);
    breaker.put("rollback", service.breakerRollback);
    configuration.put("maximumPercent", service.maximumPercent);
    configuration.put("minimumHealthyPercent", service.minimumHealthyPercent);
    EcsApi.putStrategy(configuration, service);
    if (r.rollbackReason != null) {
      ObjectNode rollback = out.putObject("rollback");
      rollback.put("reason", r.rollbackReason);
      Json.putTime(rollback, "startedAt", r.rollbackStartedAt);
      rollback.put("serviceRevisionArn", r.rollbackRevisionArn);
    }
    ObjectNode circuitBreaker = out.putObject("deploymentCircuitBreaker");
    circuitBreaker.put("status", !service.breakerEnable ? "DISABLED" : r.breakerTriggered ? "TRIGGERED"
        : r.finished() ? "MONITORING_COMPLETE" : "MONITORING");
    circuitBreaker.put("failureCount", live == null ? 0 : live.failedTasks);
    circuitBreaker.put("threshold", service.breakerThreshold());
    ScenarioSpec.Staged strategy = service.setup().staged();
    ObjectNode alarms = out.putObject("alarms");
    if (strategy == null || strategy.alarmName() == null) {
      alarms.put("status", "DISABLED");
    } else {
      alarms.put("status", r.triggeredAlarm != null ? "TRIGGERED" : r.finished() ? "MONITORING_COMPLETE" : "MONITORING");
      alarms.putArray("alarmNames").add(strategy.alarmName());
      ArrayNode triggered = alarms.putArray("triggeredAlarmNames");
      if (r.triggeredAlarm != null) {
        triggered.add(r.triggeredAlarm);
      }
    }
    return out;
  }

  private record Located(ServiceState service, ServiceDeploymentRecord record) {}

  private Located locate(String arn) {
    for (ClusterState cluster : engine.clusters.values()) {
      for (ServiceState service : cluster.services.values()) {
        for (ServiceDeploymentRecord r : service.history) {
          if (r.arn.equals(arn)) {
            return new Located(service, r);
          }
        }
      }
    }
    return null;
  }

  private DeploymentState revision(String arn) {
    for (ClusterState cluster : engine.clusters.values()) {
      for (ServiceState service : cluster.services.values()) {
        for (DeploymentState d : service.knownDeployments) {
          if (d.record.revisionArn.equals(arn)) {
            return d;
          }
        }
      }
    }
    return null;
  }

  private ServiceState owner(DeploymentState deployment) {
    for (ClusterState cluster : engine.clusters.values()) {
      for (ServiceState service : cluster.services.values()) {
        if (service.knownDeployments.contains(deployment)) {
          return service;
        }
      }
    }
    throw new IllegalStateException("a deployment without a service");
  }

  private static List<String> arnList(JsonNode request, String field) {
    List<String> arns = Json.strings(request, field);
    if (arns.isEmpty()) {
      throw ApiException.invalidParameter(field + " cannot be empty.");
    }
    if (arns.size() > MAX_DESCRIBE) {
      throw ApiException.invalidParameter(field + " can have at most " + MAX_DESCRIBE + " items.");
    }
    return new ArrayList<>(arns);
  }

  private static long millis(JsonNode epochSeconds, long otherwise) {
    if (epochSeconds.isMissingNode() || epochSeconds.isNull()) {
      return otherwise;
    }
    if (!epochSeconds.isNumber()) {
      throw ApiException.client("SerializationException", "createdAt must be a timestamp.");
    }
    return new BigDecimal(epochSeconds.asText()).movePointRight(3).longValue();
  }
}
