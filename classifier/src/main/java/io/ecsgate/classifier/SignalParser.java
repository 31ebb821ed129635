package io.ecsgate.classifier;

import static io.ecsgate.classifier.internal.JsonFields.array;
import static io.ecsgate.classifier.internal.JsonFields.bool;
import static io.ecsgate.classifier.internal.JsonFields.instant;
import static io.ecsgate.classifier.internal.JsonFields.integer;
import static io.ecsgate.classifier.internal.JsonFields.object;
import static io.ecsgate.classifier.internal.JsonFields.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.internal.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps one JSON value onto signals. It understands what ECS users actually have in hand:
 *
 * <ul>
 *   <li>an EventBridge event: {@code ECS Task State Change}, {@code ECS Service Action},
 *       {@code ECS Deployment State Change}, {@code ECS Hook State Change};
 *   <li>{@code aws ecs describe-tasks} output ({@code {"tasks": [...]}}) or one task object;
 *   <li>{@code aws ecs describe-services} output: each service's event messages;
 *   <li>{@code aws logs filter-log-events}/{@code get-log-events} output of an event archive, whose
 *       {@code events[].message} hold the EventBridge events as JSON text.
 * </ul>
 *
 * Anything else, and task state changes that are not a stop, is skipped with a reason.
 */
public final class SignalParser {
  private final ObjectMapper mapper;

  public SignalParser(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** What one JSON value held: signals, or why it was skipped. */
  public record Parsed(List<SourcedSignal> signals, String skippedBecause) {
    static Parsed skipped(String why) {
      return new Parsed(List.of(), why);
    }
  }

  public Parsed parse(JsonNode value) throws MalformedSignalException {
    if (!value.isObject()) {
      return Parsed.skipped("not a JSON object");
    }
    if (value.has("detail-type")) {
      return event(value, "");
    }
    if (value.has("tasks")) {
      return taskList(value);
    }
    if (value.has("services")) {
      return serviceEvents(value);
    }
    if (value.has("events")) {
      return logEvents(value);
    }
    if (value.has("taskArn")) {
      return one(task(value, ""), null, "");
    }
    return Parsed.skipped("not an ECS event, task or describe-tasks/describe-services output");
  }

  /** Maps a DescribeTasks task or an event's detail. Public for callers that hold task JSON. */
  public StoppedTask task(JsonNode t, String path) throws MalformedSignalException {
    List<ContainerExit> containers = new ArrayList<>();
    List<JsonNode> items = array(t, "containers", path);
    for (int i = 0; i < items.size(); i++) {
      JsonNode c = items.get(i);
      String cPath = (path.isEmpty() ? "" : path + ".") + "containers[" + i + "]";
      if (!c.isObject()) {
        throw new MalformedSignalException(cPath + ": expected an object");
      }
      String name = text(c, "name", cPath);
      containers.add(new ContainerExit(name == null ? "container-" + i : name,
          integer(c, "exitCode", cPath), text(c, "reason", cPath), text(c, "lastStatus", cPath),
          bool(c, "essential", cPath), text(c, "image", cPath)));
    }
    return StoppedTask.builder()
        .taskArn(text(t, "taskArn", path))
        .cluster(text(t, "clusterArn", path))
        .taskDefinitionArn(text(t, "taskDefinitionArn", path))
        .group(text(t, "group", path))
        .startedBy(text(t, "startedBy", path))
        .lastStatus(text(t, "lastStatus", path))
        .desiredStatus(text(t, "desiredStatus", path))
        .stopCode(text(t, "stopCode", path))
        .stoppedReason(text(t, "stoppedReason", path))
        .containers(containers)
        .launchType(text(t, "launchType", path))
        .capacityProviderName(text(t, "capacityProviderName", path))
        .createdAt(instant(t, "createdAt", path))
        .startedAt(instant(t, "startedAt", path))
        .stoppingAt(instant(t, "stoppingAt", path))
        .stoppedAt(instant(t, "stoppedAt", path))
        .build();
  }

  private Parsed event(JsonNode e, String path) throws MalformedSignalException {
    String detailType = text(e, "detail-type", path);
    JsonNode detail = object(e, "detail", path);
    if (detail == null) {
      return Parsed.skipped("event has no detail");
    }
    String id = text(e, "id", path);
    Instant time = instant(e, "time", path);
    String region = text(e, "region", path);
    String account = text(e, "account", path);
    String dPath = (path.isEmpty() ? "" : path + ".") + "detail";
    EcsSignal signal;
    switch (detailType == null ? "" : detailType) {
      case "ECS Task State Change" -> {
        StoppedTask task = task(detail, dPath);
        if (!task.isStop()) {
          return Parsed.skipped("task state change to " + task.lastStatus() + ", not a stop");
        }
        signal = task;
      }
      case "ECS Service Action" -> {
        String serviceArn = firstResource(e, path);
        signal = new ServiceAction(Arns.clusterOf(text(detail, "clusterArn", dPath), serviceArn),
            serviceArn == null ? null : Arns.serviceName(serviceArn), text(detail, "eventType", dPath),
            text(detail, "eventName", dPath), text(detail, "reason", dPath), instant(detail, "createdAt", dPath));
      }
      case "ECS Deployment State Change" -> {
        String serviceArn = firstResource(e, path);
        signal = new DeploymentEvent(Arns.clusterOf(text(detail, "clusterArn", dPath), serviceArn),
            serviceArn == null ? null : Arns.serviceName(serviceArn), text(detail, "eventType", dPath),
            text(detail, "eventName", dPath), text(detail, "deploymentId", dPath),
            text(detail, "reason", dPath), instant(detail, "updatedAt", dPath));
      }
      case "ECS Hook State Change" -> signal = hook(e, detail, path, dPath);
      default -> {
        return Parsed.skipped("event detail-type '" + Text.oneLine(detailType, 60) + "' is not classified");
      }
    }
    return one(signal, new Envelope(id, time, region, account), path);
  }

  /**
   * A lifecycle hook's state change. Its {@code resources} name the service deployment, not the
   * service: the service comes from {@code detail.serviceArn}, else from the deployment's ARN
   * ({@code service-deployment/CLUSTER/SERVICE/ID}).
   */
  private static HookEvent hook(JsonNode e, JsonNode detail, String path, String dPath)
      throws MalformedSignalException {
    String deploymentArn = text(detail, "serviceDeploymentArn", dPath);
    if (deploymentArn == null) {
      deploymentArn = firstResource(e, path);
    }
    String serviceArn = text(detail, "serviceArn", dPath);
    String service = serviceArn != null ? Arns.serviceName(serviceArn) : Arns.deploymentPart(deploymentArn, 2);
    String cluster = Arns.clusterOf(text(detail, "clusterArn", dPath), serviceArn);
    return new HookEvent(cluster != null ? cluster : Arns.deploymentPart(deploymentArn, 1),
        service, text(detail, "eventType", dPath), text(detail, "eventName", dPath), text(detail, "hookId", dPath),
        text(detail, "hookType", dPath), text(detail, "lifecycleStage", dPath), deploymentArn,
        instant(detail, "expiresAt", dPath), instant(detail, "updatedAt", dPath));
  }

  private Parsed taskList(JsonNode value) throws MalformedSignalException {
    List<SourcedSignal> found = new ArrayList<>();
    List<JsonNode> tasks = array(value, "tasks", "");
    for (int i = 0; i < tasks.size(); i++) {
      String path = "tasks[" + i + "]";
      if (!tasks.get(i).isObject()) {
        throw new MalformedSignalException(path + ": expected an object");
      }
      StoppedTask task = task(tasks.get(i), path);
      if (task.isStop()) {
        found.add(new SourcedSignal(task, null, null, Arns.region(task.taskArn()), null, path));
      }
    }
    return found.isEmpty() ? Parsed.skipped("no stopped task in the list") : new Parsed(found, null);
  }

  private Parsed serviceEvents(JsonNode value) throws MalformedSignalException {
    List<SourcedSignal> found = new ArrayList<>();
    List<JsonNode> services = array(value, "services", "");
    for (int i = 0; i < services.size(); i++) {
      JsonNode s = services.get(i);
      String sPath = "services[" + i + "]";
      if (!s.isObject()) {
        throw new MalformedSignalException(sPath + ": expected an object");
      }
      String cluster = text(s, "clusterArn", sPath);
      String name = text(s, "serviceName", sPath);
      List<JsonNode> events = array(s, "events", sPath);
      for (int j = 0; j < events.size(); j++) {
        String ePath = sPath + ".events[" + j + "]";
        JsonNode ev = events.get(j);
        if (!ev.isObject()) {
          throw new MalformedSignalException(ePath + ": expected an object");
        }
        ServiceEvent event = new ServiceEvent(cluster, name, text(ev, "id", ePath),
            text(ev, "message", ePath), instant(ev, "createdAt", ePath));
        found.add(new SourcedSignal(event, null, null, Arns.region(cluster), null, ePath));
      }
    }
    return found.isEmpty() ? Parsed.skipped("no service events in the list") : new Parsed(found, null);
  }

  /** CloudWatch Logs output: each {@code events[].message} is an archived EventBridge event. */
  private Parsed logEvents(JsonNode value) throws MalformedSignalException {
    List<SourcedSignal> found = new ArrayList<>();
    List<JsonNode> events = array(value, "events", "");
    for (int i = 0; i < events.size(); i++) {
      String path = "events[" + i + "]";
      JsonNode entry = events.get(i);
      String message = entry.isObject() ? text(entry, "message", path) : null;
      if (message == null) {
        continue;
      }
      JsonNode archived;
      try {
        archived = mapper.readTree(message);
      } catch (JsonProcessingException e) {
        throw new MalformedSignalException(path + ".message: not JSON: " + Text.oneLine(e.getOriginalMessage(), 120));
      }
      if (archived != null && archived.isObject() && archived.has("detail-type")) {
        for (SourcedSignal s : event(archived, path + ".message").signals()) {
          found.add(s);
        }
      }
    }
    return found.isEmpty() ? Parsed.skipped("no ECS events among the log events") : new Parsed(found, null);
  }

  private static String firstResource(JsonNode e, String path) throws MalformedSignalException {
    List<JsonNode> resources = array(e, "resources", path);
    return resources.isEmpty() || !resources.get(0).isTextual() ? null : resources.get(0).asText();
  }

  private record Envelope(String id, Instant time, String region, String account) {}

  private static Parsed one(EcsSignal signal, Envelope env, String path) {
    String region = env != null && env.region() != null ? env.region()
        : Arns.region(signal instanceof StoppedTask t ? t.taskArn() : signal.cluster());
    return new Parsed(List.of(new SourcedSignal(signal, env == null ? null : env.id(),
        env == null ? null : env.time(), region, env == null ? null : env.account(), path)), null);
  }
}
