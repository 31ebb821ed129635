package io.ecsgate.classifier.internal;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.DeploymentEvent;
import io.ecsgate.classifier.EcsSignal;
import io.ecsgate.classifier.Glob;
import io.ecsgate.classifier.ServiceAction;
import io.ecsgate.classifier.ServiceEvent;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.util.List;
import java.util.Set;

/**
 * A named rule from the user's rules file. Every condition it sets must hold (AND); a condition
 * with several values holds when any of them does (OR). Conditions left out always hold.
 *
 * <p>{@code containerReason} and {@code exitCode} look at the container the default verdict blames
 * (its evidence), so an exclusion of exit code 143 cannot hide an essential container that exited
 * 1 next to a sidecar that got SIGTERM.
 */
public record UserRule(
    String name,
    List<TextMatcher> stoppedReason,
    List<TextMatcher> containerReason,
    Set<String> stopCodes,
    Set<Integer> exitCodes,
    List<Glob> clusters,
    List<Glob> services,
    List<Glob> groups,
    List<Glob> taskDefinitions,
    Set<Category> categories,
    Set<String> eventNames) {

  public boolean matches(EcsSignal signal, Verdict verdict) {
    return anyText(stoppedReason, reasonOf(signal))
        && anyText(containerReason, verdict.evidence().containerReason())
        && (stopCodes.isEmpty() || stopCodes.contains(verdict.evidence().stopCode()))
        && (exitCodes.isEmpty() || exitCodes.contains(verdict.evidence().exitCode()))
        && anyGlob(clusters, Arns.clusterName(signal.cluster()), signal.cluster())
        && anyGlob(services, signal.service(), null)
        && anyGlob(groups, groupOf(signal), null)
        && anyGlob(taskDefinitions, Arns.taskDefinition(signal.taskDefinitionArn()), null)
        && (categories.isEmpty() || categories.contains(verdict.category()))
        && (eventNames.isEmpty() || eventNames.contains(signal.eventName()));
  }

  private static String reasonOf(EcsSignal signal) {
    if (signal instanceof StoppedTask t) {
      return t.stoppedReason();
    }
    if (signal instanceof ServiceAction a) {
      return a.reason();
    }
    if (signal instanceof DeploymentEvent d) {
      return d.reason();
    }
    // What the sweep finds has no reason text, nor does a hook state change: only its event name.
    return signal instanceof ServiceEvent e ? e.message() : null;
  }

  /** A task's own group; for a signal of a service without one, {@code service:NAME}. */
  private static String groupOf(EcsSignal signal) {
    if (signal.group() != null) {
      return signal.group();
    }
    return signal.service() == null ? null : "service:" + signal.service();
  }

  private static boolean anyText(List<TextMatcher> matchers, String text) {
    return matchers.isEmpty() || matchers.stream().anyMatch(m -> m.matches(text));
  }

  /** A glob that starts with {@code arn:} is matched against the full ARN, others against the name. */
  private static boolean anyGlob(List<Glob> globs, String name, String arn) {
    if (globs.isEmpty()) {
      return true;
    }
    for (Glob g : globs) {
      boolean byArn = g.toString().startsWith("arn:");
      if (g.matches(byArn ? arn : name)) {
        return true;
      }
    }
    return false;
  }
}
