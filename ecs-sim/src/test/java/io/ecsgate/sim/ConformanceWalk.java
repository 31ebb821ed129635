package io.ecsgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One scenario's timeline driven over raw HTTP on a {@link ManualClock}, every answer written as a
 * JSON line for {@code conformance/check_responses.py}: {@code service}, {@code operation},
 * {@code status}, the raw {@code body}, the response {@code headers} and a {@code context} naming
 * the scenario and the simulated second.
 */
final class ConformanceWalk implements AutoCloseable {
  static final String CLUSTER = "conformance";
  static final String SERVICE = "web";
  private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");
  private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20260105/us-east-1/ecs/aws4_request, "
      + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123456789abcdef";
  private static final Map<String, String> TARGET_PREFIXES = Map.of(
      "ecs", "AmazonEC2ContainerServiceV20141113.",
      "logs", "Logs_20140328.");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /**
   * One operation of the walk: the requests to send (none, one or several), built from what the
   * answers so far showed. A request is anything Jackson writes as a JSON object.
   */
  record Read(String service, String operation, Function<Seen, List<?>> requests) {
    static Read ecs(String operation, Function<Seen, List<?>> requests) {
      return new Read("ecs", operation, requests);
    }

    static Read logs(String operation, Function<Seen, List<?>> requests) {
      return new Read("logs", operation, requests);
    }
  }

  private final String scenario;
  private final ManualClock clock = ManualClock.startingAt(START);
  private final EcsSimulator sim;
  private final BufferedWriter out;
  private final Seen seen;
  private String context;
  private int calls;

  ConformanceWalk(String scenario, BufferedWriter out) {
    this.scenario = scenario;
    this.out = out;
    this.sim = EcsSimulator.start(SimulatorOptions.defaults().clock(clock));
    this.seen = new Seen(sim.load(Scenarios.named(scenario), CLUSTER, SERVICE));
  }

  Seen seen() {
    return seen;
  }

  Faults faults() {
    return sim.faults();
  }

  int calls() {
    return calls;
  }

  /** Names what the following calls record, e.g. {@code "t=35s"}. */
  ConformanceWalk at(String moment) {
    context = scenario + " @ " + moment;
    return this;
  }

  /** Moves simulated time forward. */
  ConformanceWalk advance(Duration step) {
    clock.advance(step);
    return this;
  }

  /**
   * Runs the reads in order, each seeing what the earlier ones answered. A read whose operation
   * answered UnknownOperationException earlier in this walk is left out: its not-being-served is
   * recorded once.
   */
  void run(List<Read> reads) {
    seen.newStep();
    for (Read read : reads) {
      if (seen.notServed.contains(read.service() + ":" + read.operation())) {
        continue;
      }
      for (Object request : read.requests().apply(seen)) {
        call(read.service(), read.operation(), request, true);
      }
    }
  }

  /** One signed call, recorded; the parsed answer when it is a 2xx, else null. */
  JsonNode call(String service, String operation, Object request) {
    return call(service, operation, request, true);
  }

  /** One call without an {@code Authorization} header, recorded. */
  void unsigned(String service, String operation, Object request) {
    call(service, operation, request, false);
  }

  private JsonNode call(String service, String operation, Object request, boolean signed) {
    HttpResponse<String> response;
    try {
      HttpRequest.Builder builder = HttpRequest.newBuilder(sim.endpoint().resolve("/"))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/x-amz-json-1.1")
          .header("X-Amz-Target", TARGET_PREFIXES.get(service) + operation)
          .header("X-Amz-Date", "20260105T100000Z")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)));
      if (signed) {
        builder.header("Authorization", AUTHORIZATION);
      }
      response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      calls++;
      record(service, operation, response);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to call " + operation + " (" + context + "): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted calling " + operation, e);
    }
    JsonNode answer = readTree(response.body());
    if (response.statusCode() / 100 == 2) {
      seen.harvest(operation, answer);
      return answer;
    }
    if (answer != null && answer.path("__type").asText().endsWith("UnknownOperationException")) {
      seen.notServed.add(service + ":" + operation);
    }
    return null;
  }

  private void record(String service, String operation, HttpResponse<String> response) throws IOException {
    ObjectNode line = JSON.createObjectNode();
    line.put("service", service);
    line.put("operation", operation);
    line.put("status", response.statusCode());
    line.put("body", response.body());
    line.put("context", context);
    ObjectNode headers = line.putObject("headers");
    response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
    out.write(JSON.writeValueAsString(line));
    out.newLine();
  }

  private static JsonNode readTree(String body) {
    try {
      return body.isEmpty() ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null; // the checker reports the body; the walk just learns nothing from it
    }
  }

  @Override
  public void close() {
    sim.close();
  }

  /**
   * What the answers showed so far: the walk's memory. Per step: the current deployments, the
   * listed and the described tasks. Across steps: every task definition, service deployment and
   * service revision ARN any answer named, the awslogs settings of each task definition's
   * containers, the stopped tasks whose logs were read, and the operations not served.
   */
  static final class Seen {
    final LoadedService loaded;
    final Set<String> deploymentIds = new LinkedHashSet<>();
    final Set<String> tasks = new LinkedHashSet<>();
    final List<JsonNode> describedTasks = new ArrayList<>();
    final Set<String> taskDefinitions = new LinkedHashSet<>();
    final Set<String> serviceDeployments = new LinkedHashSet<>();
    final Set<String> serviceRevisions = new LinkedHashSet<>();
    private final Map<String, JsonNode> logOptions = new HashMap<>();
    private final Set<String> stoppedStreamsRead = new HashSet<>();
    private final Set<String> notServed = new HashSet<>();

    Seen(LoadedService loaded) {
      this.loaded = loaded;
    }

    void newStep() {
      deploymentIds.clear();
      tasks.clear();
      describedTasks.clear();
    }

    /** The {@code requests} built from {@code values}, {@code size} values a request. */
    static List<Map<String, Object>> batches(Set<String> values, int size, Function<List<String>, Map<String, Object>> request) {
      List<String> all = new ArrayList<>(values);
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i += size) {
        out.add(request.apply(all.subList(i, Math.min(all.size(), i + size))));
      }
      return out;
    }

    /** The ARNs seen, or a made-up one of the same kind when none was. */
    List<String> orPlaceholder(Set<String> arns, String kind) {
      return arns.isEmpty() ? List.of(placeholder(kind)) : List.copyOf(arns);
    }

    /** A well-formed ARN of this kind ({@code service-deployment}...) for the service, naming nothing. */
    String placeholder(String kind) {
      return loaded.serviceArn().replace(":service/", ":" + kind + "/") + "/0123456789abcdef";
    }

    /**
     * GetLogEvents as the product asks it (the newest 20 lines) for every awslogs container of the
     * tasks described in this step: every step while a task lives, once after it stopped.
     */
    List<Map<String, Object>> logReads() {
      List<Map<String, Object>> out = new ArrayList<>();
      for (JsonNode task : describedTasks) {
        String taskId = task.path("taskArn").asText().replaceAll(".*/", "");
        boolean stopped = "STOPPED".equals(task.path("lastStatus").asText());
        for (JsonNode container : task.path("containers")) {
          String name = container.path("name").asText();
          JsonNode options = logOptions.get(task.path("taskDefinitionArn").asText() + " " + name);
          if (options == null) {
            continue;
          }
          String stream = options.path("awslogs-stream-prefix").asText() + "/" + name + "/" + taskId;
          if (stopped && !stoppedStreamsRead.add(stream)) {
            continue;
          }
          Map<String, Object> request = new LinkedHashMap<>();
          request.put("logGroupName", options.path("awslogs-group").asText());
          request.put("logStreamName", stream);
          request.put("startFromHead", false);
          request.put("limit", 20);
          out.add(request);
        }
      }
      return out;
    }

    void harvest(String operation, JsonNode answer) {
      collectArns(answer);
      switch (operation) {
        case "DescribeServices", "UpdateService" -> answer.findValues("deployments")
            .forEach(deployments -> deployments.forEach(d -> deploymentIds.add(d.path("id").asText())));
        case "ListTasks" -> answer.path("taskArns").forEach(arn -> tasks.add(arn.asText()));
        case "DescribeTasks" -> answer.path("tasks").forEach(describedTasks::add);
        case "DescribeTaskDefinition", "RegisterTaskDefinition" -> {
          JsonNode definition = answer.path("taskDefinition");
          for (JsonNode container : definition.path("containerDefinitions")) {
            JsonNode logging = container.path("logConfiguration");
            if ("awslogs".equals(logging.path("logDriver").asText())) {
              logOptions.put(definition.path("taskDefinitionArn").asText() + " " + container.path("name").asText(),
                  logging.path("options"));
            }
          }
        }
        default -> { }
      }
    }

    private void collectArns(JsonNode node) {
      if (node.isTextual()) {
        String text = node.asText();
        if (text.startsWith("arn:aws:ecs:")) {
          if (text.contains(":task-definition/")) {
            taskDefinitions.add(text);
          } else if (text.contains(":service-deployment/")) {
            serviceDeployments.add(text);
          } else if (text.contains(":service-revision/")) {
            serviceRevisions.add(text);
          }
        }
      }
      node.forEach(this::collectArns);
    }
  }
}
