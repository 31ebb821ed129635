package io.ecsgate.lambda;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.Glob;
import io.ecsgate.classifier.LongRunningTask;
import io.ecsgate.classifier.ServiceBelowDesired;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
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
 * the SDK's standard retry mode with backoff. What it finds is a signal the classifier judges, so
 * the rules file applies: an exclusion silences it like any stopped task.
 */
final class Sweep {
  /**
   * What one sweep found, which services are back at their desired count, and what the rules silenced.
   *
   * @param notes one "no alert: …" line per finding a rule silenced
   */
  record Result(List<Finding> findings, List<Recovery> recoveries, List<String> notes, int clusters, int tasks,
      int services) {}

  private final EcsClient ecs;
  private final StopClassifier classifier;
  private final EcsReads reads;
  private final StateStore state;
  private final LambdaSettings settings;
  private final String region;
  private final ConsoleLinks links;
  private final List<Glob> include;
  private final List<Glob> exclude;

  Sweep(EcsClient ecs, StopClassifier classifier, StateStore state, LambdaSettings settings, String region) {
    this.ecs = ecs;
    this.classifier = classifier;
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
    List<String> notes = new ArrayList<>();
    int clusters = 0;
    int tasks = 0;
    int services = 0;
    for (String clusterArn : ecs.listClustersPaginator(b -> {}).clusterArns()) {
      clusters++;
      tasks += longRunning(clusterArn, now, findings, notes);
      services += belowDesired(clusterArn, now, sweepId, findings, recoveries, notes);
    }
    return new Result(findings, recoveries, notes, clusters, tasks, services);
  }

  private int longRunning(String clusterArn, Instant now, List<Finding> findings, List<String> notes) {
    List<String> arns = new ArrayList<>();
    ecs.listTasksPaginator(b -> b.cluster(clusterArn).desiredStatus(DesiredStatus.RUNNING)).taskArns().forEach(arns::add);
    Instant limit = now.minus(settings.longRunningAfter());
    String cluster = Arns.clusterName(clusterArn);
    for (Task t : reads.describeTasks(clusterArn, arns)) {
      if (t.startedAt() == null || !t.startedAt().isBefore(limit) || !swept(t.group())) {
        continue;
      }
      LongRunningTask signal = new LongRunningTask(clusterArn, t.taskArn(), t.taskDefinitionArn(), t.group(),
          t.startedBy(), t.startedAt(), Duration.between(t.startedAt(), now), settings.longRunningAfter());
      String taskId = signal.taskId();
      Verdict v = classifier.classify(signal);
      if (!v.alert()) {
        notes.add(silenced(v, cluster + "/" + t.group() + " task " + StoppedTaskText.shortId(taskId)));
        continue;
      }
      String taskDefinition = Arns.taskDefinition(t.taskDefinitionArn());
      IncidentFacts facts = new IncidentFacts("long-running", region, v.summary(), v.hint(),
          null, null, null, null, links.task(cluster, taskId), null);
      List<String> lines = List.of("task " + taskId + ", " + taskDefinition,
          "started " + StoppedTaskText.time(t.startedAt()) + (t.startedBy() == null ? "" : " by " + t.startedBy()),
          "last status " + t.lastStatus() + ", launch type " + t.launchTypeAsString());
      findings.add(new Finding(new AlertKey(cluster, t.group(), v.category(), taskDefinition), facts, clusterArn,
          Delivery.ofLongRunningTask(t.taskArn()), List.of(new Details("Running task " + StoppedTaskText.shortId(taskId), lines, false))));
    }
    return arns.size();
  }

  private int belowDesired(String clusterArn, Instant now, String sweepId, List<Finding> findings,
      List<Recovery> recoveries, List<String> notes) {
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
      Verdict v = classifier.classify(new ServiceBelowDesired(clusterArn, s.serviceName(), s.runningCount(),
          s.desiredCount(), s.pendingCount(), since, s.taskDefinition()));
      if (!v.alert()) {
        notes.add(silenced(v, cluster + "/" + s.serviceName()));
        continue;
      }
      String taskDefinition = Arns.taskDefinition(s.taskDefinition());
      IncidentFacts facts = new IncidentFacts("sweep", region, v.summary(), v.hint(),
          null, null, null, links.service(cluster, s.serviceName()), null, null);
      List<String> lines = new ArrayList<>();
      lines.add("running " + s.runningCount() + ", pending " + s.pendingCount() + ", desired " + s.desiredCount());
      s.events().stream().limit(5).forEach(e -> lines.add(StoppedTaskText.time(e.createdAt()) + "  " + e.message()));
      findings.add(new Finding(new AlertKey(cluster, "service:" + s.serviceName(), v.category(), taskDefinition),
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

  /** Like the event path's note: which rule kept a finding quiet, and what it was about. */
  private static String silenced(Verdict v, String subject) {
    return "no alert: " + v.category() + " (" + v.rule() + ") for " + subject;
  }
}
