package io.ecsgate.lambda;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Glob;
import io.ecsgate.classifier.render.StoppedTaskText;
import io.ecsgate.diagnosis.ConsoleLinks;
import io.ecsgate.diagnosis.EcsReads;
import io.ecsgate.slack.SlackAlert.Details;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The scheduled sweep, for what no stopped-task event reveals: tasks running longer than allowed
 * (a migration that never ended, a forgotten manual run) and services that have stayed below
 * their desired count. It pages through ListClusters, ListTasks and ListServices and describes
 * in the largest batches ECS allows (100 tasks, 10 services per call); throttling is retried by
 * the SDK's standard retry mode with backoff.
 */
final class Sweep {
  /** What one sweep found, and which services are back at their desired count. */
  record Result(List<Finding> findings, List<Recovery> recoveries, int clusters, int tasks, int services) {}

  private final EcsClient ecs;
  private final EcsReads reads;
  private final StateStore state;
  private final LambdaSettings settings;
  private final String region;
  private final ConsoleLinks links;
  private final List<Glob> include;
  private final List<Glob> exclude;

  Sweep(EcsClient ecs, StateStore state, LambdaSettings settings, String region) {
    this.ecs = ecs;
    this.reads = new EcsReads(ecs);
    this.state = state;
    this.settings = settings;
    this.region = region;
    this.links = new ConsoleLinks(region);
    this.include = settings.sweepInclude().stream().map(Glob::new).toList();
    this.exclude = settings.sweepExclude().stream().map(Glob::new).toList();
  }

  /** @param sweepId the scheduled event's id: a redelivered sweep does not count again what it finds */
  Result run(Instant now, String sweepId) {
    List<Finding> findings = new ArrayList<>();
    List<Recovery> recoveries = new ArrayList<>();
    int clusters = 0;
    int tasks = 0;
    int services = 0;
    for (String clusterArn : ecs.listClustersPaginator(b -> {}).clusterArns()) {
      clusters++;
      tasks += longRunning(clusterArn, now, findings);
      services += belowDesired(clusterArn, now, sweepId, findings, recoveries);
    }
    return new Result(findings, recoveries, clusters, tasks, services);
  }

  private int longRunning(String clusterArn, Instant now, List<Finding> findings) {
    List<String> arns = new ArrayList<>();
    ecs.listTasksPaginator(b -> b.cluster(clusterArn).desiredStatus(DesiredStatus.RUNNING)).taskArns().forEach(arns::add);
    Instant limit = now.minus(settings.longRunningAfter());
    String cluster = Arns.clusterName(clusterArn);
    for (Task t : reads.describeTasks(clusterArn, arns)) {
      if (t.startedAt() == null || !t.startedAt().isBefore(limit) || !swept(t.group())) {
        continue;
      }
      String taskId = Arns.lastSegment(t.taskArn());
      Duration running = Duration.between(t.startedAt(), now);
      String taskDefinition = Arns.taskDefinition(t.taskDefinitionArn());
      IncidentFacts facts = new IncidentFacts("long-running", region,
          "Task " + StoppedTaskText.shortId(taskId) + " of " + t.group() + " has been running for " + hours(running)
              + " (limit " + hours(settings.longRunningAfter()) + ")",
          "A one-off task that never ends keeps costing and may hold locks: check whether it is stuck, stop it"
              + " (aws ecs stop-task --cluster " + cluster + " --task " + taskId + "), or add its group to"
              + " SWEEP_EXCLUDE_GROUPS if it is meant to run this long.",
          null, null, null, null, links.task(cluster, taskId), null);
      List<String> lines = List.of("task " + taskId + ", " + taskDefinition,
          "started " + StoppedTaskText.time(t.startedAt()) + (t.startedBy() == null ? "" : " by " + t.startedBy()),
          "last status " + t.lastStatus() + ", launch type " + t.launchTypeAsString());
      findings.add(new Finding(new AlertKey(cluster, t.group(), Category.LONG_RUNNING, taskDefinition), facts, clusterArn,
          Delivery.ofLongRunningTask(t.taskArn()), List.of(new Details("Running task " + StoppedTaskText.shortId(taskId), lines, false))));
    }
    return arns.size();
  }

  private int belowDesired(String clusterArn, Instant now, String sweepId, List<Finding> findings,
      List<Recovery> recoveries) {
    List<String> names = new ArrayList<>();
    ecs.listServicesPaginator(b -> b.cluster(clusterArn)).serviceArns().forEach(a -> names.add(Arns.serviceName(a)));
    String cluster = Arns.clusterName(clusterArn);
    for (Service s : reads.describeServices(clusterArn, names).services()) {
      if (!"ACTIVE".equals(s.status())) {
        continue;
      }
      if (s.runningCount() >= s.desiredCount()) {
        if (state.backToDesired(cluster, s.serviceName())) {
          recoveries.add(new Recovery(cluster, "service:" + s.serviceName(), now, Category.BELOW_DESIRED));
        }
        continue;
      }
      Instant since = state.belowDesiredSince(cluster, s.serviceName(), now);
      if (Duration.between(since, now).compareTo(settings.belowDesiredAfter()) < 0) {
        continue;
      }
      String taskDefinition = Arns.taskDefinition(s.taskDefinition());
      boolean none = s.runningCount() == 0;
      IncidentFacts facts = new IncidentFacts("sweep", region,
          "Service " + s.serviceName() + " has run " + s.runningCount() + " of " + s.desiredCount() + " tasks since at least "
              + StoppedTaskText.time(since) + (none ? ": it is down" : ""),
          "No stopped-task event says this on its own: look at the service's events and stopped tasks"
              + " (ecs-gate diagnose --cluster " + cluster + " --service " + s.serviceName() + ").",
          null, null, null, links.service(cluster, s.serviceName()), null, null);
      List<String> lines = new ArrayList<>();
      lines.add("running " + s.runningCount() + ", pending " + s.pendingCount() + ", desired " + s.desiredCount());
      s.events().stream().limit(5).forEach(e -> lines.add(StoppedTaskText.time(e.createdAt()) + "  " + e.message()));
      findings.add(new Finding(new AlertKey(cluster, "service:" + s.serviceName(), Category.BELOW_DESIRED, taskDefinition),
          facts, clusterArn, Delivery.ofSweep(sweepId, cluster + "/" + s.serviceName()),
          List.of(new Details("Service state and recent events", lines, false))));
    }
    return names.size();
  }

  private boolean swept(String group) {
    if (group == null) {
      return false;
    }
    return include.stream().anyMatch(g -> g.matches(group)) && exclude.stream().noneMatch(g -> g.matches(group));
  }

  private static String hours(Duration d) {
    long h = d.toHours();
    return h >= 1 ? h + "h" + (d.toMinutesPart() == 0 ? "" : d.toMinutesPart() + "m") : d.toMinutes() + "m";
  }
}
