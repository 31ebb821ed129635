package io.ecsgate.lambda;

import io.ecsgate.classifier.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One incident for a deployment that failed, whichever of its two ids the event names. A hook that
 * rolled a deployment back says so in {@code ECS Hook State Change}, keyed by the service
 * deployment's id (the end of its ARN, {@link HookFindings}); the same deployment's
 * {@code ECS Deployment State Change} names it {@code ecs-svc/...}. Nothing public maps one id to
 * the other, so they are correlated by service and time (ECS-2026.md 1.7): a DEPLOYMENT_FAILED
 * finding is counted under the service's open DEPLOYMENT_FAILED incident keyed by the other kind of
 * id, when that opened within the flood window and has not recovered.
 *
 * <p>Never joined: two ids of the same kind (two {@code ecs-svc} ids are two deployments), other
 * services or clusters (the store is read per cluster and service), incidents without a deployment
 * id, and an incident that already stands for another id of the finding's kind (the store records
 * the one it joined, {@link StateStore#joinDeployment}): a rollback that fails too is a second
 * ecs-svc deployment, and it does not join the first one's hook incident. A finding whose own key
 * already has an open incident stays there. Among several candidates the most recently opened free
 * one wins (then the greatest id, so every invocation picks the same one): a failed deployment's
 * events follow each other within seconds or minutes, an older incident is the likelier stranger.
 *
 * <p>Two invocations handling the two events at the same moment can both find nothing to join and
 * open two incidents, as before this join: the store is read, not locked, for the lookup.
 */
final class DeploymentFailureJoin {
  /** The two names of one failed deployment. */
  enum IdKind {
    /** {@code ecs-svc/...}: deployment events, stopped tasks' startedBy, the gate's record. */
    DEPLOYMENT,
    /** The id at the end of a service deployment ARN (or a hookId when the ARN was missing): hook events. */
    SERVICE_DEPLOYMENT
  }

  /** The most recently opened first, then the greatest id: every invocation tries them in the same order. */
  private static final Comparator<Incident> NEWEST_FIRST = Comparator.comparing(Incident::openedAt)
      .thenComparing(i -> i.key().taskDefinition())
      .reversed();

  private final StateStore state;
  private final Duration window;

  DeploymentFailureJoin(StateStore state, Duration window) {
    this.state = state;
    this.window = window;
  }

  /** The finding, under the key of the open incident of the other id when there is one, else unchanged. */
  Finding join(Finding f, Instant now) {
    AlertKey key = f.key();
    IdKind kind = kindOf(key);
    if (kind == null) {
      return f;
    }
    List<Incident> open = state.unrecovered(key.cluster(), key.subject()).stream()
        .filter(i -> !i.closedAt(now, window))
        .toList();
    if (open.stream().anyMatch(i -> i.key().equals(key))) {
      return f; // counted under its own key before (it opened first, or a join was not possible then)
    }
    // Newest first; each incident stands for at most one id of the other kind, recorded atomically,
    // so a second ecs-svc deployment never joins through a hook incident (nor a second hook's).
    List<Incident> candidates = open.stream()
        .filter(i -> kindOf(i.key()) != null && kindOf(i.key()) != kind)
        .sorted(NEWEST_FIRST)
        .toList();
    for (Incident i : candidates) {
      if (state.joinDeployment(i.key(), i.openedAt(), key.taskDefinition())) {
        return new Finding(i.key(), f.facts(), f.clusterArn(), f.delivery(), f.details());
      }
    }
    return f;
  }

  /**
   * Which id a failed deployment's key holds; null when the key holds none: no service, "-" (a
   * service event names no deployment), a task definition {@code family:revision} (a rules file may
   * make a task's stop a DEPLOYMENT_FAILED).
   */
  static IdKind kindOf(AlertKey key) {
    String id = key.taskDefinition();
    if (key.category() != Category.DEPLOYMENT_FAILED || key.service() == null || "-".equals(id)) {
      return null;
    }
    if (id.startsWith("ecs-svc/")) {
      return IdKind.DEPLOYMENT;
    }
    return id.contains(":") || id.contains("/") ? null : IdKind.SERVICE_DEPLOYMENT;
  }
}
