package io.ecsgate.classifier.internal;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.Evidence;
import io.ecsgate.classifier.LongRunningTask;
import io.ecsgate.classifier.ServiceBelowDesired;
import io.ecsgate.classifier.Verdict;
import java.time.Duration;

/**
 * The default policy for what the Lambda's sweep finds: a task past its running limit and a service
 * that has stayed below its desired count both alert. The user's rules then apply to them as to any
 * other signal, so an exclusion can silence a known long job or a service scaled down on purpose.
 */
public final class SweepJudge {

  public Verdict judge(LongRunningTask t) {
    String cluster = Arns.clusterName(t.cluster());
    String taskId = t.taskId();
    return new Verdict(true, Category.LONG_RUNNING,
        "Task " + Text.shortId(taskId) + " of " + t.group() + " has been running for " + hours(t.runningFor())
            + " (limit " + hours(t.limit()) + ")",
        "A one-off task that never ends keeps costing and may hold locks: check whether it is stuck, stop it"
            + " (aws ecs stop-task --cluster " + cluster + " --task " + taskId + "), or add its group to"
            + " SWEEP_EXCLUDE_GROUPS if it is meant to run this long.",
        Evidence.NONE, "default:long-running-task");
  }

  public Verdict judge(ServiceBelowDesired s) {
    String cluster = Arns.clusterName(s.cluster());
    return new Verdict(true, Category.BELOW_DESIRED,
        "Service " + s.service() + " has run " + s.running() + " of " + s.desired() + " tasks since at least "
            + Text.time(s.since()) + (s.running() == 0 ? ": it is down" : ""),
        "No stopped-task event says this on its own: look at the service's events and stopped tasks"
            + " (ecs-gate diagnose --cluster " + cluster + " --service " + s.service() + ").",
        Evidence.NONE, "default:service-below-desired");
  }

  /** E.g. 25h, 24h30m, 45m. */
  static String hours(Duration d) {
    if (d == null) {
      return "?";
    }
    long h = d.toHours();
    return h >= 1 ? h + "h" + (d.toMinutesPart() == 0 ? "" : d.toMinutesPart() + "m") : d.toMinutes() + "m";
  }
}
