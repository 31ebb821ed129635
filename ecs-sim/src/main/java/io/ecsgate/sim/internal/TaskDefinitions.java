package io.ecsgate.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Registered task definitions: families of revisions, stored as DescribeTaskDefinition shows them. */
final class TaskDefinitions {
  private static final Pattern FAMILY = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  private static final String REGISTERED_BY = "arn:aws:sts::" + Arns.ACCOUNT + ":assumed-role/deployer/ecs-gate";

  private final Arns arns;
  private final Map<String, List<ObjectNode>> families = new LinkedHashMap<>();

  TaskDefinitions(Arns arns) {
    this.arns = arns;
  }

  /** Registers the next revision of the request's family, as RegisterTaskDefinition does. */
  ObjectNode register(JsonNode request, long now) {
    String family = Json.requiredText(request, "family");
    if (!FAMILY.matcher(family).matches()) {
      throw ApiException.client("ClientException",
          "Family contains invalid characters. Up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.");
    }
    JsonNode containers = request.get("containerDefinitions");
    if (containers == null || !containers.isArray() || containers.isEmpty()) {
      throw ApiException.client("ClientException", "Container list cannot be empty.");
    }
    ArrayNode definitions = Json.array();
    for (JsonNode container : containers) {
      String name = container.path("name").asText("");
      if (name.isEmpty()) {
        throw ApiException.client("ClientException", "Container.name should not be null or empty.");
      }
      if (container.path("image").asText("").isEmpty()) {
        throw ApiException.client("ClientException", "Container.image should not be null or empty.");
      }
      ObjectNode definition = container.deepCopy();
      definition.putIfAbsent("cpu", Json.MAPPER.getNodeFactory().numberNode(0));
      definition.putIfAbsent("portMappings", Json.array());
      definition.putIfAbsent("essential", Json.MAPPER.getNodeFactory().booleanNode(true));
      definition.putIfAbsent("environment", Json.array());
      definition.putIfAbsent("mountPoints", Json.array());
      definition.putIfAbsent("volumesFrom", Json.array());
      definition.putIfAbsent("systemControls", Json.array());
      definitions.add(definition);
    }
    List<ObjectNode> revisions = families.computeIfAbsent(family, f -> new ArrayList<>());
    int revision = revisions.size() + 1;
    ObjectNode out = Json.object();
    out.put("taskDefinitionArn", arns.taskDefinition(family, revision));
    out.set("containerDefinitions", definitions);
    out.put("family", family);
    copy(request, out, "taskRoleArn", "executionRoleArn");
    out.put("networkMode", request.path("networkMode").asText("awsvpc"));
    out.put("revision", revision);
    out.set("volumes", request.has("volumes") ? request.get("volumes").deepCopy() : Json.array());
    out.put("status", "ACTIVE");
    out.set("placementConstraints", Json.array());
    ArrayNode compatibilities = out.putArray("compatibilities");
    compatibilities.add("EC2");
    compatibilities.add("FARGATE");
    out.set("requiresCompatibilities",
        request.has("requiresCompatibilities") ? request.get("requiresCompatibilities").deepCopy() : Json.array());
    copy(request, out, "cpu", "memory", "runtimePlatform", "pidMode", "ipcMode", "ephemeralStorage");
    Json.putTime(out, "registeredAt", now);
    out.put("registeredBy", REGISTERED_BY);
    revisions.add(out);
    return out;
  }

  private static void copy(JsonNode from, ObjectNode to, String... fields) {
    for (String field : fields) {
      if (from.hasNonNull(field)) {
        to.set(field, from.get(field).deepCopy());
      }
    }
  }

  /** The definition a {@code family}, {@code family:revision} or ARN names, or null. */
  ObjectNode find(String reference) {
    String ref = reference;
    if (ref.startsWith("arn:")) {
      int slash = ref.indexOf(":task-definition/");
      if (slash < 0) {
        return null;
      }
      ref = ref.substring(slash + ":task-definition/".length());
    }
    int colon = ref.lastIndexOf(':');
    String family = colon < 0 ? ref : ref.substring(0, colon);
    List<ObjectNode> revisions = families.get(family);
    if (revisions == null || revisions.isEmpty()) {
      return null;
    }
    if (colon < 0) {
      return revisions.get(revisions.size() - 1);
    }
    try {
      int revision = Integer.parseInt(ref.substring(colon + 1));
      return revision >= 1 && revision <= revisions.size() ? revisions.get(revision - 1) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
