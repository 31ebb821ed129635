package io.ecsgate.classifier;

import io.ecsgate.classifier.internal.HookJudge;
import io.ecsgate.classifier.internal.ServiceSignalJudge;
import io.ecsgate.classifier.internal.SweepJudge;
import io.ecsgate.classifier.internal.TaskJudge;

/**
 * The front door: why did this task stop, does it deserve an alert, and what should the reader do.
 * The gate CLI and the Lambda (its events and its sweep) both call this, so they always agree and
 * the user's rules apply to everything. Thread-safe and cheap to share.
 */
public final class StopClassifier {
  private final RuleSet rules;
  private final TaskJudge taskJudge;
  private final ServiceSignalJudge serviceJudge = new ServiceSignalJudge();
  private final SweepJudge sweepJudge = new SweepJudge();
  private final HookJudge hookJudge = new HookJudge();

  private StopClassifier(RuleSet rules) {
    this.rules = rules;
    this.taskJudge = new TaskJudge(rules::isSidecar);
  }

  /** The default policy alone. */
  public static StopClassifier withDefaults() {
    return new StopClassifier(RuleSet.empty());
  }

  /** The default policy with the user's rules on top. */
  public static StopClassifier with(RuleSet rules) {
    return new StopClassifier(rules);
  }

  public Verdict classify(EcsSignal signal) {
    Verdict byDefault;
    if (signal instanceof StoppedTask task) {
      byDefault = taskJudge.judge(task);
    } else if (signal instanceof ServiceAction action) {
      byDefault = serviceJudge.judge(action);
    } else if (signal instanceof DeploymentEvent deployment) {
      byDefault = serviceJudge.judge(deployment);
    } else if (signal instanceof HookEvent hook) {
      byDefault = hookJudge.judge(hook);
    } else if (signal instanceof ServiceEvent event) {
      byDefault = serviceJudge.judge(event);
    } else if (signal instanceof LongRunningTask task) {
      byDefault = sweepJudge.judge(task);
    } else {
      byDefault = sweepJudge.judge((ServiceBelowDesired) signal);
    }
    return rules.apply(signal, byDefault);
  }
}
