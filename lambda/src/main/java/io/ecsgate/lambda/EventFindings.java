package io.ecsgate.lambda;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.DeploymentEvent;
import io.ecsgate.classifier.EcsSignal;
import io.ecsgate.classifier.HookEvent;
import io.ecsgate.classifier.ServiceAction;
import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.render.StoppedTaskText;
import io.ecsgate.classifier.report.ServiceDiagnosis;
import io.ecsgate.diagnosis.ConsoleLinks;
import io.ecsgate.slack.DiagnosisDetails;
import io.ecsgate.slack.SlackAlert.Details;
import io.ecsgate.slack.SlackAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one ECS event means for the Lambda: a finding to count and report (the classifier decides
 * whether it deserves an alert, with the same rules as the CLI), a recovery, or nothing.
 */
final class EventFindings {
  /** Looks up why a failed deployment's tasks stopped; may be absent (local runs without AWS). */
  @FunctionalInterface
  interface DeploymentDiagnosis {
    /** @return the diagnosis, or null when the ECS API cannot be read (the reason is logged) */
    ServiceDiagnosis diagnose(String clusterArn, String service, String deploymentId, Instant since);
  }

  /**
   * Gives a stopped task its containers' essential flags from the task definition (cached per
   * revision); the task unchanged when they cannot be read, so the classifier's offline rule judges.
   */
  @FunctionalInterface
  interface EssentialFlags {
    StoppedTask withEssentialFlags(StoppedTask task);
  }

  /** What an event yields: at most one of finding and recovery; {@code note} says why neither. */
  record Outcome(Finding finding, Recovery recovery, String note) {}

  static final int MAX_DIAGNOSED_TASKS = 10;

  private final StopClassifier classifier;
  private final DeploymentDiagnosis diagnosis;
  private final EssentialFlags essentialFlags;

  EventFindings(StopClassifier classifier, DeploymentDiagnosis diagnosis) {
    this(classifier, diagnosis, task -> task);
  }

  EventFindings(StopClassifier classifier, DeploymentDiagnosis diagnosis, EssentialFlags essentialFlags) {
    this.classifier = classifier;
    this.diagnosis = diagnosis;
    this.essentialFlags = essentialFlags;
  }

  Outcome of(SourcedSignal sourced) {
    EcsSignal signal = sourced.signal();
    if (signal instanceof StoppedTask t && t.isStop() && t.needsEssentialFlags()) {
      signal = essentialFlags.withEssentialFlags(t);
    }
    Instant at = sourced.eventTime() != null ? sourced.eventTime() : Instant.now();
    if (signal instanceof ServiceAction a && "SERVICE_STEADY_STATE".equals(a.eventName())) {
      return new Outcome(null, new Recovery(Arns.clusterName(a.cluster()), "service:" + Arns.serviceName(a.service()), at, null), null);
    }
    if (signal instanceof DeploymentEvent d && "SERVICE_DEPLOYMENT_COMPLETED".equals(d.eventName())) {
      return new Outcome(null, new Recovery(Arns.clusterName(d.cluster()), "service:" + Arns.serviceName(d.service()), at, null), null);
    }
    if (signal instanceof HookEvent h && "HOOK_SUCCEEDED".equals(h.eventName())) {
      // A pause answered with CONTINUE: its "awaiting action" message says the wait is over.
      return new Outcome(null, new Recovery(Arns.clusterName(h.cluster()), "service:" + Arns.serviceName(h.service()), at,
          Category.DEPLOYMENT_PAUSED), null);
    }
    Verdict v = classifier.classify(signal);
    if (!v.alert()) {
      return new Outcome(null, null, "no alert: " + v.category() + " (" + v.rule() + ")");
    }
    ConsoleLinks links = new ConsoleLinks(sourced.region() != null ? sourced.region() : Arns.region(signal.cluster()));
    Delivery delivery = Delivery.ofEvent(sourced.eventId(), sourced.path());
    if (signal instanceof StoppedTask t) {
      return new Outcome(task(t, v, sourced.region(), links, delivery), null, null);
    }
    if (signal instanceof DeploymentEvent d) {
      return new Outcome(deployment(d, v, sourced.region(), links, at, delivery), null, null);
    }
    if (signal instanceof HookEvent h) {
      return new Outcome(HookFindings.of(h, v, sourced, links), null, null);
    }
    if (!(signal instanceof ServiceAction a)) {
      return new Outcome(null, null, "not an EventBridge event: " + signal.kind());
    }
    return new Outcome(serviceEvent(a.cluster(), a.service(), v, "event", null, sourced.region(), links, List.of(), delivery),
        null, null);
  }

  private static Finding task(StoppedTask t, Verdict v, String region, ConsoleLinks links, Delivery delivery) {
    String cluster = Arns.clusterName(t.cluster());
    String subject = t.group() != null ? t.group() : "family:" + family(t.taskDefinitionArn());
    AlertKey key = new AlertKey(cluster, subject, v.category(), Arns.taskDefinition(t.taskDefinitionArn()));
    String service = t.service();
    IncidentFacts facts = new IncidentFacts("task", region, v.summary(), v.hint(), v.evidence().container(),
        v.evidence().exitCode(), quoted(v), service == null ? null : links.service(cluster, service),
        links.task(cluster, t.taskId()), null);
    return new Finding(key, facts, clusterArn(t.cluster()), delivery, List.of(stoppedTask(t, v)));
  }

  private Finding deployment(DeploymentEvent d, Verdict v, String region, ConsoleLinks links, Instant at,
      Delivery delivery) {
    String service = Arns.serviceName(d.service());
    List<Details> details = new ArrayList<>();
    String summary = v.summary();
    ServiceDiagnosis found = diagnosis == null || d.deploymentId() == null ? null
        : diagnosis.diagnose(d.cluster(), service, d.deploymentId(), at.minusSeconds(3600));
    if (found != null) {
      SlackAlert.Builder b = SlackAlert.builder();
      DiagnosisDetails.addTo(b, found, MAX_DIAGNOSED_TASKS);
      details.addAll(b.build().details());
      summary = summary + (found.byCategory().isEmpty() ? "" : "; stopped tasks: " + counts(found.byCategory()));
    } else {
      details.add(new Details("Stopped tasks", List.of("(not read: the ECS API was not available for this event)"), false));
    }
    return serviceEvent(d.cluster(), d.service(), new Verdict(v.alert(), v.category(), summary, v.hint(), v.evidence(), v.rule()),
        "deployment", d.deploymentId(), region, links, details, delivery);
  }

  private static Finding serviceEvent(String clusterRef, String serviceRef, Verdict v, String noun, String discriminator,
      String region, ConsoleLinks links, List<Details> details, Delivery delivery) {
    String cluster = Arns.clusterName(clusterRef);
    String service = Arns.serviceName(serviceRef);
    AlertKey key = new AlertKey(cluster, "service:" + service, v.category(), discriminator);
    IncidentFacts facts = new IncidentFacts(noun, region, v.summary(), v.hint(), null, null, v.evidence().reason(),
        links.service(cluster, service), null, null);
    return new Finding(key, facts, clusterArn(clusterRef), delivery, details);
  }

  private static Details stoppedTask(StoppedTask t, Verdict v) {
    List<String> lines = new ArrayList<>();
    lines.add("task " + t.taskId() + (t.taskDefinitionArn() == null ? "" : ", " + Arns.taskDefinition(t.taskDefinitionArn())));
    lines.add("stopped " + StoppedTaskText.time(StoppedTaskText.stoppedAt(t))
        + (t.stopCode() == null ? "" : ", stop code " + t.stopCode())
        + (t.startedBy() == null ? "" : ", started by " + t.startedBy()));
    if (t.stoppedReason() != null) {
      lines.add("stopped reason: " + t.stoppedReason());
    }
    for (ContainerExit c : t.containers()) {
      lines.add("container " + c.name() + (Boolean.FALSE.equals(c.essential()) ? " (not essential)" : "")
          + ": " + (c.exitCode() == null ? "no exit code" : "exit " + c.exitCode())
          + (c.reason() == null ? "" : ", " + c.reason()));
    }
    lines.add("verdict: " + v.category() + " by " + v.rule());
    return new Details("Stopped task " + StoppedTaskText.shortId(t.taskId()), lines, false);
  }

  private static String quoted(Verdict v) {
    return v.evidence().containerReason() != null ? v.evidence().containerReason() : v.evidence().reason();
  }

  private static String counts(Map<Category, Integer> byCategory) {
    List<String> parts = new ArrayList<>();
    byCategory.forEach((c, n) -> parts.add(c.name() + " " + n));
    return String.join(", ", parts);
  }

  private static String clusterArn(String clusterRef) {
    return clusterRef != null && clusterRef.startsWith("arn:") ? clusterRef : null;
  }

  private static String family(String taskDefinitionArn) {
    String td = Arns.taskDefinition(taskDefinitionArn);
    if (td == null) {
      return "unknown";
    }
    int colon = td.indexOf(':');
    return colon < 0 ? td : td.substring(0, colon);
  }
}
