package io.ecsgate.classifier.internal;

import io.ecsgate.classifier.Category;
import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.Evidence;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The default policy for a stopped task. It judges the whole task, not one field: the seeds'
 * EventBridge rules looked at {@code containers[].exitCode} alone, so a sidecar that exited 0 next
 * to an essential container that never started slipped through. Order of the checks:
 *
 * <ol>
 *   <li>out of memory (a container's reason or the task's), then failed health checks: both come
 *       with stop codes that otherwise look benign;
 *   <li>stop code InfrastructureHealth (an infrastructure stop), then benign stops by reason text,
 *       then by stop code (scale-in, deployment, draining, platform, Spot, user);
 *   <li>failures recognised by text in the stopped reason or a container's reason;
 *   <li>any other stop initiated by the service scheduler is a replacement;
 *   <li>exit codes of the essential containers: non-zero is an application exit, none at all a
 *       failure to start, all zero a completed task, unless the task belongs to a service (a
 *       service's essential container must never exit).
 * </ol>
 */
public final class TaskJudge {
  private static final int REPLACED = ReasonTextMemo.FIRST_BENIGN + benignIndex("deployment-or-scaling");
  private static final int SPOT_INTERRUPTION = ReasonTextMemo.FIRST_BENIGN + benignIndex("spot-interruption");
  private static final int USER_STOPPED = ReasonTextMemo.FIRST_BENIGN + benignIndex("user-stopped");
  private static final int PLATFORM = ReasonTextMemo.FIRST_BENIGN + benignIndex("platform");
  /** Out of memory, then failed health checks: both come with stop codes that otherwise look benign. */
  private static final int[] EARLY =
      {ReasonTextMemo.OUT_OF_MEMORY, ReasonTextMemo.ELB_HEALTH, ReasonTextMemo.CONTAINER_HEALTH};

  private final Predicate<String> isSidecar;
  private final ReasonTextMemo reasons;

  /** @param isSidecar names of containers to treat as non-essential when the source does not say */
  public TaskJudge(Predicate<String> isSidecar) {
    this(isSidecar, new ReasonTextMemo());
  }

  /** @param reasons where the facts of reason texts are remembered; tests pass a small one */
  TaskJudge(Predicate<String> isSidecar, ReasonTextMemo reasons) {
    this.isSidecar = isSidecar;
    this.reasons = reasons;
  }

  public Verdict judge(StoppedTask task) {
    Essentials known = essentialContainers(task);
    List<ContainerExit> essentials = known.containers();
    String stopCode = task.stopCode();
    ReasonTextMemo.Facts stoppedReason = reasons.of(task.stoppedReason());

    // Without Optional and lambdas: a null is "no match", and nothing is allocated per check.
    for (int early : EARLY) {
      Verdict v = reasonMatch(early, task, essentials, stoppedReason);
      if (v != null) {
        return v;
      }
    }
    if ("InfrastructureHealth".equals(stopCode)) {
      // Before the benign texts: whatever reason ECS writes with it, the stop code is the one
      // documented fact, and its hint says what is (not) known about it.
      return verdict(ReasonTextMemo.INFRASTRUCTURE_HEALTH, stoppedReason, firstExited(essentials), task);
    }
    for (int benign = ReasonTextMemo.FIRST_BENIGN; benign < ReasonTextMemo.FIRST_FAILURE; benign++) {
      if (stoppedReason.matches(benign)) {
        return verdict(benign, stoppedReason, firstExited(essentials), task);
      }
    }
    int byCode = benignByStopCode(stopCode);
    if (byCode >= 0) {
      return verdict(byCode, stoppedReason, firstExited(essentials), task);
    }
    for (int failure = ReasonTextMemo.FIRST_FAILURE; failure < ReasonTextMemo.INFRASTRUCTURE_HEALTH; failure++) {
      Verdict v = reasonMatch(failure, task, essentials, stoppedReason);
      if (v != null) {
        return v;
      }
    }
    if ("ServiceSchedulerInitiated".equals(stopCode)) {
      KnownReason replaced = ReasonTextMemo.KNOWN.get(REPLACED);
      return new Verdict(false, replaced.category(),
          headline(replaced, null) + ": " + orStopCode(stoppedReason, stopCode),
          replaced.hint(), evidence(firstExited(essentials), task), "default:scheduler-initiated");
    }
    return judgeExitCodes(task, known);
  }

  private Verdict judgeExitCodes(StoppedTask task, Essentials known) {
    List<ContainerExit> essentials = known.containers();
    ContainerExit failed = mostTellingFailure(essentials);
    if (failed != null) {
      int code = failed.exitCode();
      String summary = headline(null, failed) + " exited with code " + code + " ("
          + ExitCodes.meaning(code) + ")";
      ReasonTextMemo.Facts reason = reasons.of(failed.reason());
      if (!reason.blank()) {
        summary += ": " + reason.excerpt();
      }
      return new Verdict(true, Category.APP_EXIT, capitalise(summary), ExitCodes.hint(code),
          evidence(failed, task), "default:app-exit");
    }
    boolean neverExited = firstExitedOrNull(essentials) == null;
    if ("TaskFailedToStart".equals(task.stopCode()) || neverExited) {
      ContainerExit notStarted = firstNotExited(essentials);
      boolean failedToStart = "TaskFailedToStart".equals(task.stopCode());
      String what = failedToStart ? "failed to start" : "stopped before any essential container exited";
      String reason = orStopCode(reasons.of(task.stoppedReason()), task.stopCode());
      return new Verdict(true, failedToStart ? Category.CONTAINER_START : Category.UNKNOWN,
          capitalise("The task " + what + (reason.isEmpty() ? "" : ": " + reason)),
          "Read the stopped reason and each container's reason; `aws ecs describe-tasks` shows them for"
              + " about an hour after the stop.",
          evidence(notStarted, task), failedToStart ? "default:failed-to-start" : "default:no-exit-code");
    }
    ContainerExit done = firstExited(essentials);
    if (task.service() != null && "EssentialContainerExited".equals(task.stopCode())) {
      // A one-off task that exits 0 has finished; a service's task must keep running, so its
      // essential container quitting, even cleanly, is a failure ECS will repeat forever.
      return new Verdict(true, Category.APP_EXIT,
          capitalise(headline(null, done) + " of service " + task.service()
              + " exited with code 0: a service's essential container must keep running"),
          "Check that the command starts a long-running process (not a one-shot script or a process"
              + " that daemonises) and read the last log lines for why it quit."
              + (known.inferred() ? " (The task definition was not read: the container that exited 0 is"
                  + " taken as the essential one, the others as sidecars ECS stopped.)" : ""),
          evidence(done, task), "default:service-exit-0");
    }
    String completed = headline(null, done) + " exited with code 0: the task completed";
    if (known.inferred()) {
      return new Verdict(false, Category.COMPLETED,
          capitalise(completed + "; ECS then stopped " + exits(known.others())),
          "Nothing to do: the container that exited 0 is taken as the essential one and the others as"
              + " sidecars ECS stopped when it ended the task (143: SIGTERM, 137: SIGKILL after"
              + " stopTimeout). The task definition was not read; if one of them was in fact the"
              + " essential container, list the others under `sidecars:` in the rules file.",
          evidence(done, task), "default:completed.sidecars-stopped");
    }
    ContainerExit failedSidecar = ownFailure(known.others());
    if (failedSidecar != null) {
      // Lower-key than a crash: the task did its work, a helper (log router, agent) failed on its
      // own. Worth a line in a report, not a page.
      return new Verdict(false, Category.COMPLETED,
          capitalise(completed + "; non-essential container " + failedSidecar.name() + " failed with exit code " + failedSidecar.exitCode() + " ("
              + ExitCodes.meaning(failedSidecar.exitCode()) + ")"),
          "The task did its work. The non-essential container failed on its own (not a stop by ECS):"
              + " read its logs if what it does (logs, metrics, traces) matters.",
          evidence(done, task), "default:completed.sidecar-failed");
    }
    return new Verdict(false, Category.COMPLETED, capitalise(completed),
        "Nothing to do: the essential containers finished successfully.", evidence(done, task),
        "default:completed");
  }

  /** A container that failed by itself: a non-zero code ECS's own stop signals do not explain. */
  private static ContainerExit ownFailure(List<ContainerExit> containers) {
    for (ContainerExit c : containers) {
      if (c.exitCode() != null && c.exitCode() != 0 && !ExitCodes.isStopSignal(c.exitCode())) {
        return c;
      }
    }
    return null;
  }

  private static String exits(List<ContainerExit> containers) {
    List<String> parts = new ArrayList<>(containers.size());
    for (ContainerExit c : containers) {
      parts.add(c.name() + " (" + c.exitCode() + ")");
    }
    return String.join(", ", parts);
  }

  /**
   * The essential container whose exit explains the stop: a code other than 137/143 first, since
   * those are what ECS's own SIGTERM/SIGKILL leave behind on the other containers.
   */
  private static ContainerExit mostTellingFailure(List<ContainerExit> essentials) {
    ContainerExit signalled = null;
    for (int i = 0; i < essentials.size(); i++) { // by index: no iterator per task
      ContainerExit c = essentials.get(i);
      if (c.exitCode() != null && c.exitCode() != 0) {
        if (!ExitCodes.isStopSignal(c.exitCode())) {
          return c;
        }
        if (signalled == null) {
          signalled = c;
        }
      }
    }
    return signalled;
  }

  /** The verdict of a known reason if a container's reason or the task's matches it, else null. */
  private Verdict reasonMatch(int known, StoppedTask task, List<ContainerExit> essentials,
      ReasonTextMemo.Facts stoppedReason) {
    for (int i = 0; i < essentials.size(); i++) {
      ContainerExit c = essentials.get(i);
      ReasonTextMemo.Facts reason = reasons.of(c.reason());
      if (reason.matches(known)) {
        return verdict(known, reason, c, task);
      }
    }
    if (stoppedReason.matches(known)) {
      return verdict(known, stoppedReason, blamed(essentials), task);
    }
    return null;
  }

  /** @param known an index into {@link ReasonTextMemo#KNOWN} */
  private static Verdict verdict(int known, ReasonTextMemo.Facts matched, ContainerExit container, StoppedTask task) {
    KnownReason reason = ReasonTextMemo.KNOWN.get(known);
    KnownReason.Resolved resolved = matched.resolved(known);
    String name = container == null ? null : container.name();
    String summary = matched.summary(known, name);
    if (summary == null) {
      summary = headline(reason, container);
      if (!matched.blank()) {
        summary += ": " + matched.excerpt();
      }
      matched.rememberSummary(known, name, summary);
    }
    return new Verdict(reason.alert(), reason.category(), summary, resolved.hint(),
        evidence(container, task), resolved.rule(), reason.alert() && resolved.deterministic());
  }

  /** For a task-level reason: the container that never started or failed, if one stands out. */
  private static ContainerExit blamed(List<ContainerExit> essentials) {
    ContainerExit failed = mostTellingFailure(essentials);
    if (failed != null) {
      return failed;
    }
    ContainerExit notStarted = firstNotExited(essentials);
    if (notStarted != null) {
      return notStarted;
    }
    return essentials.size() == 1 ? essentials.get(0) : null;
  }

  private static ContainerExit firstExited(List<ContainerExit> essentials) {
    ContainerExit exited = firstExitedOrNull(essentials);
    if (exited != null) {
      return exited;
    }
    return essentials.isEmpty() ? null : essentials.get(0);
  }

  private static ContainerExit firstExitedOrNull(List<ContainerExit> containers) {
    for (int i = 0; i < containers.size(); i++) {
      if (containers.get(i).exitCode() != null) {
        return containers.get(i);
      }
    }
    return null;
  }

  private static ContainerExit firstNotExited(List<ContainerExit> containers) {
    for (int i = 0; i < containers.size(); i++) {
      if (containers.get(i).exitCode() == null) {
        return containers.get(i);
      }
    }
    return null;
  }

  /** The benign reason a stop code alone stands for, as an index into {@link ReasonTextMemo#KNOWN}, or -1. */
  private static int benignByStopCode(String stopCode) {
    if (stopCode == null) {
      return -1;
    }
    return switch (stopCode) {
      case "SpotInterruption" -> SPOT_INTERRUPTION;
      case "UserInitiated" -> USER_STOPPED;
      case "TerminationNotice" -> PLATFORM;
      default -> -1;
    };
  }

  private static int benignIndex(String id) {
    for (int i = 0; i < KnownReasons.BENIGN.size(); i++) {
      if (KnownReasons.BENIGN.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new IllegalStateException("no benign known reason " + id);
  }

  /**
   * The containers that decide the task's fate, the others, and whether the split was inferred.
   *
   * @param inferred no flag and no configured sidecar said which is essential: the split is
   *     {@link OfflineEssentialRule}'s
   */
  private record Essentials(List<ContainerExit> containers, List<ContainerExit> others, boolean inferred) {}

  /**
   * Containers that decide the task's fate: those marked essential, those not known to be
   * non-essential (ECS's default is essential), minus configured sidecars. If that leaves none, all.
   * When nothing is known about any container, {@link OfflineEssentialRule} may single one out.
   */
  private Essentials essentialContainers(StoppedTask task) {
    List<ContainerExit> containers = task.containers();
    if (!anyEssentialFlagOrSidecar(containers)) {
      // The common case (events and DescribeTasks never carry the flags): all are essential, and
      // no lists are built for it.
      ContainerExit finished = OfflineEssentialRule.finishedEssential(task);
      if (finished != null) {
        List<ContainerExit> rest = new ArrayList<>(containers);
        rest.remove(finished);
        return new Essentials(List.of(finished), rest, true);
      }
      return new Essentials(containers, List.of(), false);
    }
    List<ContainerExit> result = new ArrayList<>();
    List<ContainerExit> others = new ArrayList<>();
    for (ContainerExit c : containers) {
      boolean nonEssential = Boolean.FALSE.equals(c.essential())
          || (c.essential() == null && isSidecar.test(c.name()));
      (nonEssential ? others : result).add(c);
    }
    return result.isEmpty() ? new Essentials(containers, List.of(), false) : new Essentials(result, others, false);
  }

  /** Whether anything says which container is essential: a flag from the task definition, or a sidecar name. */
  private boolean anyEssentialFlagOrSidecar(List<ContainerExit> containers) {
    for (int i = 0; i < containers.size(); i++) {
      ContainerExit c = containers.get(i);
      if (c.essential() != null || isSidecar.test(c.name())) {
        return true;
      }
    }
    return false;
  }

  private static Evidence evidence(ContainerExit c, StoppedTask task) {
    return new Evidence(c == null ? null : c.name(), c == null ? null : c.exitCode(),
        c == null ? null : c.reason(), task.stopCode(), task.stoppedReason());
  }

  private static String headline(KnownReason known, ContainerExit c) {
    // Most headlines start with their subject: written capitalised there, the headline is made once.
    boolean leads = known == null || known.headline().startsWith("%s");
    String subject = c == null ? (leads ? "The task" : "the task") : (leads ? "Container " : "container ") + c.name();
    // A headline holds one %s and no other '%' (KnownReasons): replace() is String.format, without
    // parsing the format on every task.
    String text = known == null ? subject : known.headline().replace("%s", subject);
    return capitalise(text);
  }

  private static String orStopCode(ReasonTextMemo.Facts reason, String stopCode) {
    if (!reason.blank()) {
      return reason.excerpt();
    }
    return stopCode == null ? "" : "stop code " + stopCode;
  }

  private static String capitalise(String s) {
    if (s.isEmpty()) {
      return s;
    }
    char first = s.charAt(0);
    char upper = Character.toUpperCase(first);
    // Most summaries already start upper case (a headline is capitalised before it is extended).
    return upper == first ? s : upper + s.substring(1);
  }
}
