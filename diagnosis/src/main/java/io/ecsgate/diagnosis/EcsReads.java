package io.ecsgate.diagnosis;

import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.sdk.EcsSdkTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 */
public final class EcsReads {
  static final int SERVICES_PER_CALL = 10;
  static final int TASKS_PER_CALL = 100;

  private final EcsClient ecs;
  private final Map<String, TaskDefinition> definitions = new ConcurrentHashMap<>();

  public EcsReads(EcsClient ecs) {
    this.ecs = ecs;
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

  /** The tasks mapped for the classifier, each knowing which of its containers are essential. */
  public List<StoppedTask> stoppedTasks(String cluster, List<String> taskArns) {
    List<StoppedTask> result = new ArrayList<>();
    for (Task t : describeTasks(cluster, taskArns)) {
      result.add(EcsSdkTasks.fromSdk(t, taskDefinition(t.taskDefinitionArn())));
    }
    return result;
  }

  /** A task definition by ARN or family:revision; cached, since revisions never change. */
  public TaskDefinition taskDefinition(String arn) {
    if (arn == null) {
      return null;
    }
    return definitions.computeIfAbsent(arn, a -> ecs.describeTaskDefinition(b -> b.taskDefinition(a)).taskDefinition());
  }
}
