package io.ecsgate.lambda;

import io.ecsgate.classifier.DeploymentEvent;
import io.ecsgate.classifier.EcsSignal;
import io.ecsgate.classifier.HookEvent;
import io.ecsgate.classifier.ServiceAction;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.lambda.GatedDeployment.Route;
import java.time.Duration;
import java.time.Instant;

/**
 * One incident per deployment: a failure of a deployment the gate recorded in the table goes to
 * the gate's Slack message (a reply in its thread, its count kept up to date like any incident's)
 * rather than opening a message of its own.
 *
 * <p>Which deployment a failure belongs to: a stopped task names it ({@code startedBy} is
 * {@code ecs-svc/ID}), a deployment event names it ({@code deploymentId}); a service event names
 * only the service, so it goes to the service's most recently gated deployment when that was
 * gated within the flood window. A hook event names no {@code ecs-svc} id: it is the gate's only
 * when {@link DeploymentFailureJoin} counted it under a gated deployment's incident.
 *
 * <p>The race (the detector's event before the gate's message): the gate claims the deployment
 * first, with one write as soon as it knows the deployment id, before any of its tasks can have
 * stopped. While the claim holds, the detector counts the deployment's failures under the
 * deployment's key and posts nothing ({@link Route#HOLD}): the gate diagnoses the same tasks and
 * its message reports them. Once the gate recorded its message, the next failure's reply shows the
 * whole count. A gate that sends no message (the deployment passed, no bot token) gives the claim
 * up, and one that dies lets it lapse: failures after that open incidents as without the gate.
 */
final class SharedIncidents {
  /** A finding as it is counted (under the deployment's key when the gate has it) and where it is shown. */
  record Link(Finding finding, GatedDeployment gate, Route route) {}

  private final StateStore state;
  private final Duration window;

  SharedIncidents(StateStore state, Duration window) {
    this.state = state;
    this.window = window;
  }

  Link link(Finding f, EcsSignal signal, Instant now) {
    GatedDeployment gate = gateOf(f.key(), signal, now);
    Route route = gate == null ? Route.OWN : gate.routeAt(now);
    if (route == Route.OWN) {
      return new Link(f, gate, Route.OWN);
    }
    // Every failure of the gated deployment is one incident per category, whatever revision or event said it.
    AlertKey k = f.key();
    AlertKey byDeployment = new AlertKey(k.cluster(), k.subject(), k.category(), gate.deploymentId());
    return new Link(new Finding(byDeployment, f.facts(), f.clusterArn(), f.delivery(), f.details()), gate, route);
  }

  /** The gate's record behind an incident counted under a deployment's key, or null. */
  GatedDeployment gateOf(AlertKey key) {
    return key.service() != null && isDeploymentId(key.taskDefinition())
        ? state.gated(key.cluster(), key.service(), key.taskDefinition()) : null;
  }

  private GatedDeployment gateOf(AlertKey key, EcsSignal signal, Instant now) {
    String service = key.service();
    if (service == null) {
      return null; // a one-off task: no service, no gate
    }
    if (signal instanceof StoppedTask t) {
      return isDeploymentId(t.startedBy()) ? state.gated(key.cluster(), service, t.startedBy()) : null;
    }
    if (signal instanceof DeploymentEvent d) {
      return isDeploymentId(d.deploymentId()) ? state.gated(key.cluster(), service, d.deploymentId()) : null;
    }
    if (signal instanceof HookEvent) {
      // A hook names no ecs-svc id; counted under one, it was joined to that deployment's incident
      // (DeploymentFailureJoin) and goes where the deployment's failures go.
      return gateOf(key);
    }
    if (signal instanceof ServiceAction) {
      GatedDeployment latest = state.latestGated(key.cluster(), service);
      return latest != null && !latest.gatedAt().isBefore(now.minus(window)) ? latest : null;
    }
    return null;
  }

  private static boolean isDeploymentId(String s) {
    return s != null && s.startsWith("ecs-svc/");
  }
}
