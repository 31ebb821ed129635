package io.ecsgate.diagnosis;

import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.sdk.EcsSdkTasks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The read calls of the gate, batched the way ECS allows (DescribeServices 10 services,
 * DescribeTasks 100 tasks per call) and paginated, with task definitions cached: they are
 * immutable, and the essential flags they carry make the classifier's verdict exact.
 *
 * <p>A task definition that cannot be read (AccessDenied, throttling after the SDK's retries)
 * never costs a verdict: the task is judged without the flags, by the classifier's offline rule,
 * and the first such failure is said once through {@code warnings}.
 */
public final class EcsReads {
  static final int SERVICES_PER_CALL = 10;
  static final int TASKS_PER_CALL = 100;
  /** Task definitions kept, least recently used dropped first: a long-lived Lambda sees many revisions. */
  static final int MAX_DEFINITIONS = 256;

  private final EcsClient ecs;
  private final Map<String, TaskDefinition> definitions = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, TaskDefinition> eldest) {
      return size() > MAX_DEFINITIONS;
    }
  };
  private final Consumer<String> warnings;
  private final AtomicBoolean warned = new AtomicBoolean();

  /** Warnings go to stderr. */
  public EcsReads(EcsClient ecs) {
    this(ecs, System.err::println);
  }

  /** @param warnings where the one warning about unreadable task definitions goes */
  public EcsReads(EcsClient ecs, Consumer<String> warnings) {
    this.ecs = ecs;
    this.warnings = warnings;
  }

  /** Services and the names ECS could not find (reason MISSING), in as few calls as ECS allows. */
  public record ServicesAnswer(List<Service> services, List<Failure> failures) {}

  public ServicesAnswer describeServices(String cluster, List<String> services) {
    List<Service> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < services.size(); i += SERVICES_PER_CALL) {
      List<String> batch = services.subList(i, Math.min(services.size(), i + SERVICES_PER_CALL));
      DescribeServicesResponse r = ecs.describeServices(b -> b.cluster(cluster).services(batch));
      found.addAll(r.services());
      failures.addAll(r.failures());
    }
    return new ServicesAnswer(found, failures);
  }

  /**
   * ARNs of the service's stopped tasks (ECS keeps them about an hour). Not filtered by the
   * deployment that started them: ListTasks takes {@code startedBy} only as its only filter, and
   * then lists running tasks alone, so callers keep their deployment's tasks by {@code startedBy}
   * once described.
   */
  public List<String> stoppedTaskArns(String cluster, String serviceName) {
    ListTasksRequest request = ListTasksRequest.builder().cluster(cluster).serviceName(serviceName)
        .desiredStatus(DesiredStatus.STOPPED).build();
    List<String> arns = new ArrayList<>();
    ecs.listTasksPaginator(request).taskArns().forEach(arns::add);
    return arns;
  }

  /** The tasks, as SDK objects, DescribeTasks'd in batches of 100. */
  public List<Task> describeTasks(String cluster, List<String> taskArns) {
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < taskArns.size(); i += TASKS_PER_CALL) {
      List<String> batch = taskArns.subList(i, Math.min(taskArns.size(), i + TASKS_PER_CALL));
      tasks.addAll(ecs.describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks());
    }
    return tasks;
  }

  /** The tasks mapped for the classifier, each knowing which of its containers are essential where that can be read. */
  public List<StoppedTask> stoppedTasks(String cluster, List<String> taskArns) {
    List<StoppedTask> result = new ArrayList<>();
    for (Task t : describeTasks(cluster, taskArns)) {
      // Only where the flags could change the verdict: a task of one container has nothing to
      // learn from them, and a gate deciding at its first failed task should not wait for a call.
      result.add(withEssentialFlags(EcsSdkTasks.fromSdk(t)));
    }
    return result;
  }

  /**
   * The task with its containers' essential flags from its task definition, when they could change
   * its verdict ({@link StoppedTask#needsEssentialFlags()}) and the definition can be read; else
   * the task as it is.
   */
  public StoppedTask withEssentialFlags(StoppedTask task) {
    if (!task.needsEssentialFlags()) {
      return task;
    }
    return EcsSdkTasks.withEssentialFlags(task, taskDefinitionOrNull(task.taskDefinitionArn()));
  }

  /**
   * A task definition by ARN or family:revision; cached, since revisions never change.
   *
   * @throws SdkException when it cannot be read
   */
  public TaskDefinition taskDefinition(String arn) {
    if (arn == null) {
      return null;
    }
    synchronized (definitions) {
      TaskDefinition cached = definitions.get(arn);
      if (cached != null) {
        return cached;
      }
    }
    // Read outside the lock: a slow call must not hold up answers already cached.
    TaskDefinition read = ecs.describeTaskDefinition(b -> b.taskDefinition(arn)).taskDefinition();
    synchronized (definitions) {
      definitions.put(arn, read);
    }
    return read;
  }

  /**
   * {@link #taskDefinition} for a verdict or a log tail, which can do without it: null when it
   * cannot be read, said once. A failure is not cached: the next task asks again.
   */
  public TaskDefinition taskDefinitionOrNull(String arn) {
    try {
      return taskDefinition(arn);
    } catch (AbortedException e) {
      throw e; // interrupted: the caller is stopping, not missing a permission
    } catch (SdkException e) {
      if (warned.compareAndSet(false, true)) {
        warnings.accept("ecs-gate: warning: cannot read task definition " + SafeText.oneLine(arn, 300) + " ("
            + SdkErrors.oneLine(e) + "): tasks are judged without its essential flags, by the offline rule"
            + " (docs/classify.md, \"Which containers are essential\"); said once");
      }
      return null;
    }
  }

  int cachedDefinitions() {
    synchronized (definitions) {
      return definitions.size();
    }
  }
}
