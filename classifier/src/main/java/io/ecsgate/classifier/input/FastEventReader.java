package io.ecsgate.classifier.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.DeploymentEvent;
import io.ecsgate.classifier.EcsSignal;
import io.ecsgate.classifier.ServiceAction;
import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.StoppedTask;
import java.io.IOException;

/**
 * The fast path for one line of an event archive: reads an EventBridge ECS event straight from
 * the streaming parser's tokens, without building a tree, and parses only the timestamps the
 * signal keeps. An archive line is almost always such an event, and the tree was a third of the
 * time of classifying it.
 *
 * <p>It answers only when it is sure: anything it does not know to be an ordinary event (another
 * shape, a field of an unexpected type, a key given twice, a timestamp in another format, a
 * syntax error, trailing content) is {@code null}, and the caller hands the line to the full path
 * ({@code readTree} + {@code SignalParser}), which decides and words any error. So its answer, when
 * there is one, is the full path's: {@code FastEventReaderTest} checks that on the corpus and on
 * mutated lines.
 */
final class FastEventReader {
  private static final String TASK = "ECS Task State Change";
  private static final String ACTION = "ECS Service Action";
  private static final String DEPLOYMENT = "ECS Deployment State Change";

  private final JsonFactory factory;

  FastEventReader(JsonFactory factory) {
    this.factory = factory;
  }

  /** The one signal of this line, or null to let the full path decide. */
  SourcedSignal read(byte[] bytes, int offset, int length) {
    try (JsonParser p = factory.createParser(bytes, offset, length)) {
      return p.nextToken() == JsonToken.START_OBJECT ? event(p) : null;
    } catch (IOException | RuntimeException e) {
      return null; // malformed or unusual: the full path says what is wrong
    }
  }

  private SourcedSignal event(JsonParser p) throws IOException {
    Fields top = new Fields();
    Fields detail = null;
    String firstResource = null;
    boolean resourcesRead = true;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (name) {
        case "detail-type", "id", "time", "region", "account" -> {
          if (!top.put(name, p, v)) {
            return null;
          }
        }
        case "detail" -> {
          if (detail != null || v != JsonToken.START_OBJECT) {
            return null;
          }
          detail = new Fields();
          if (!detail.readObject(p, true)) {
            return null;
          }
        }
        case "resources" -> {
          if (!top.once("resources")) {
            return null;
          }
          if (v == JsonToken.START_ARRAY) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.VALUE_STRING) {
              firstResource = p.getText();
            } else if (first != JsonToken.END_ARRAY) {
              Fields.skip(p, first);
            }
            if (first != JsonToken.END_ARRAY) {
              Fields.skipRestOfArray(p);
            }
          } else if (v != JsonToken.VALUE_NULL) {
            resourcesRead = false; // the full path refuses it where it reads it (service events)
            Fields.skip(p, v);
          }
        }
        default -> Fields.skip(p, v);
      }
    }
    if (t != JsonToken.END_OBJECT || p.nextToken() != null || detail == null) {
      return null;
    }
    String detailType = top.text("detail-type");
    EcsSignal signal;
    if (TASK.equals(detailType)) {
      StoppedTask task = task(detail);
      if (task == null || !isStop(task)) {
        return null;
      }
      signal = task;
    } else if (ACTION.equals(detailType) || DEPLOYMENT.equals(detailType)) {
      if (!resourcesRead) {
        return null;
      }
      signal = serviceSignal(detailType, detail, firstResource);
      if (signal == null) {
        return null;
      }
    } else {
      return null;
    }
    if (top.bad("time")) {
      return null;
    }
    String region = top.text("region") != null ? top.text("region")
        : Arns.region(signal instanceof StoppedTask task ? task.taskArn() : signal.cluster());
    return new SourcedSignal(signal, top.text("id"), top.instant("time"), region, top.text("account"), "");
  }

  private static StoppedTask task(Fields d) {
    if (d.bad("createdAt") || d.bad("startedAt") || d.bad("stoppingAt") || d.bad("stoppedAt")) {
      return null;
    }
    return StoppedTask.builder()
        .taskArn(d.text("taskArn"))
        .cluster(d.text("clusterArn"))
        .taskDefinitionArn(d.text("taskDefinitionArn"))
        .group(d.text("group"))
        .startedBy(d.text("startedBy"))
        .lastStatus(d.text("lastStatus"))
        .desiredStatus(d.text("desiredStatus"))
        .stopCode(d.text("stopCode"))
        .stoppedReason(d.text("stoppedReason"))
        .containers(d.containers())
        .launchType(d.text("launchType"))
        .capacityProviderName(d.text("capacityProviderName"))
        .createdAt(d.instant("createdAt"))
        .startedAt(d.instant("startedAt"))
        .stoppingAt(d.instant("stoppingAt"))
        .stoppedAt(d.instant("stoppedAt"))
        .build();
  }

  private static EcsSignal serviceSignal(String detailType, Fields d, String serviceArn) {
    String cluster = d.text("clusterArn");
    if (cluster == null && serviceArn != null) {
      String[] parts = serviceArn.split("/");
      cluster = parts.length == 3 ? parts[1] : null;
    }
    String service = serviceArn == null ? null : Arns.serviceName(serviceArn);
    if (ACTION.equals(detailType)) {
      return d.bad("createdAt") ? null : new ServiceAction(cluster, service, d.text("eventType"),
          d.text("eventName"), d.text("reason"), d.instant("createdAt"));
    }
    return d.bad("updatedAt") ? null : new DeploymentEvent(cluster, service, d.text("eventType"),
        d.text("eventName"), d.text("deploymentId"), d.text("reason"), d.instant("updatedAt"));
  }

  /** As {@code SignalParser}: a stop once ECS has decided to stop the task (or already has). */
  private static boolean isStop(StoppedTask t) {
    return "STOPPED".equals(t.lastStatus()) || "STOPPED".equals(t.desiredStatus())
        || "DEPROVISIONING".equals(t.lastStatus()) || t.stopCode() != null;
  }
}
