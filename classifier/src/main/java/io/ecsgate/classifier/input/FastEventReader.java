package io.ecsgate.classifier.input;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.DeploymentEvent;
import io.ecsgate.classifier.EcsSignal;
import io.ecsgate.classifier.ServiceAction;
import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.input.Fields.Name;

/**
 * The fast path for one line of an event archive: reads an EventBridge ECS event in place with a
 * {@link LineScanner}, without a tree or a token stream, copying only the text the signal keeps
 * (and text it has seen before not at all, {@link TextCache}) and parsing timestamps from the
 * bytes. An archive line is almost always such an event; the tree and {@code OffsetDateTime.parse}
 * were 60 % of the time of classifying it.
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

  private final TextCache texts = new TextCache();
  private final IsoInstant times = new IsoInstant();
  private final Fields top = new Fields();
  private final Fields detail = new Fields();

  /** The one signal of this line, or null to let the full path decide. Not thread-safe: one per reader. */
  SourcedSignal read(byte[] bytes, int offset, int length) {
    try {
      top.clear();
      detail.clear();
      return event(new LineScanner(bytes, offset, length, texts, times));
    } catch (RuntimeException bail) {
      return null; // LineScanner.BAIL, or a surprise: either way the full path decides
    }
  }

  private SourcedSignal event(LineScanner s) {
    boolean detailRead = false;
    String firstResource = null;
    boolean resourcesRead = true;
    s.beginObject();
    boolean first = true;
    while (s.nextField(first)) {
      first = false;
      Name name = Name.of(s);
      if (name == Name.DETAIL_TYPE || name == Name.ID || name == Name.REGION || name == Name.ACCOUNT) {
        top.text(name, s);
      } else if (name == Name.TIME) {
        top.time(name, s);
      } else if (name == Name.DETAIL) {
        top.once(name);
        s.beginObject(); // null or another type: the full path skips or refuses it
        detail.readObject(s, true);
        detailRead = true;
      } else if (name == Name.RESOURCES) {
        top.once(name);
        if (s.peek() == '[') {
          s.beginArray();
          boolean firstResourceSeen = false;
          while (s.nextElement(!firstResourceSeen)) {
            if (!firstResourceSeen && s.peek() == '"' && !TASK.equals(top.text(Name.DETAIL_TYPE))) {
              firstResource = s.textOrNull(); // a service's ARN, repeated from event to event
            } else {
              // Checked, not kept: the resources after the first, and a task event's first, its
              // task's ARN, which no two events share and the signal takes from the detail (made
              // into a String, it was a third of what the text cache made, and it pushed repeated
              // texts out of it).
              s.skipValue();
            }
            firstResourceSeen = true;
          }
        } else if (!s.nullValue()) {
          resourcesRead = false; // the full path refuses it where it reads it (service events)
          s.skipValue();
        }
      } else {
        s.skipValue();
      }
    }
    if (!s.atEnd() || !detailRead) {
      return null;
    }
    String detailType = top.text(Name.DETAIL_TYPE);
    EcsSignal signal;
    if (TASK.equals(detailType)) {
      StoppedTask task = task(detail);
      if (task == null || !task.isStop()) {
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
    String region = top.text(Name.REGION) != null ? top.text(Name.REGION)
        : Arns.region(signal instanceof StoppedTask task ? task.taskArn() : signal.cluster());
    return new SourcedSignal(signal, top.text(Name.ID), top.instant(Name.TIME), region, top.text(Name.ACCOUNT), "");
  }

  /** The task, made directly: a builder per line was 4 % of what reading an archive allocated. */
  private static StoppedTask task(Fields d) {
    return new StoppedTask(d.text(Name.TASK_ARN), d.text(Name.CLUSTER_ARN), d.text(Name.TASK_DEFINITION_ARN),
        d.text(Name.GROUP), d.text(Name.STARTED_BY), d.text(Name.LAST_STATUS), d.text(Name.DESIRED_STATUS),
        d.text(Name.STOP_CODE), d.text(Name.STOPPED_REASON), d.containers(), d.text(Name.LAUNCH_TYPE),
        d.text(Name.CAPACITY_PROVIDER_NAME), d.instant(Name.CREATED_AT), d.instant(Name.STARTED_AT),
        d.instant(Name.STOPPING_AT), d.instant(Name.STOPPED_AT));
  }

  private static EcsSignal serviceSignal(String detailType, Fields d, String serviceArn) {
    String cluster = Arns.clusterOf(d.text(Name.CLUSTER_ARN), serviceArn);
    String service = serviceArn == null ? null : Arns.serviceName(serviceArn);
    if (ACTION.equals(detailType)) {
      return new ServiceAction(cluster, service, d.text(Name.EVENT_TYPE),
          d.text(Name.EVENT_NAME), d.text(Name.REASON), d.instant(Name.CREATED_AT));
    }
    return new DeploymentEvent(cluster, service, d.text(Name.EVENT_TYPE),
        d.text(Name.EVENT_NAME), d.text(Name.DEPLOYMENT_ID), d.text(Name.REASON), d.instant(Name.UPDATED_AT));
  }
}
