package io.ecsgate.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one process: for the local runner and tests. Same semantics as
 * {@link DynamoDbState}, guarded by one lock.
 */
public final class InMemoryState implements StateStore {
  private final Map<String, Instant> deliveries = new HashMap<>();
  private final Map<AlertKey, Incident> incidents = new HashMap<>();
  private final Map<AlertKey, Instant> leases = new HashMap<>();
  private final Map<String, Instant> below = new HashMap<>();
  private final Map<String, GatedDeployment> gated = new HashMap<>();
  /** The other deployment id an incident stands for, by the incident (key and opening). */
  private final Map<String, String> joined = new HashMap<>();

  /** What the gate writes to the table: for tests and local runs. */
  public synchronized void gate(GatedDeployment record) {
    gated.put(GatedDeployment.partition(record.cluster(), record.service()) + "/" + record.deploymentId(), record);
  }

  @Override
  public synchronized GatedDeployment gated(String cluster, String service, String deploymentId) {
    return gated.get(GatedDeployment.partition(cluster, service) + "/" + deploymentId);
  }

  @Override
  public synchronized GatedDeployment latestGated(String cluster, String service) {
    return gated.values().stream()
        .filter(g -> g.cluster().equals(cluster) && g.service().equals(service))
        .max(java.util.Comparator.comparing(GatedDeployment::gatedAt))
        .orElse(null);
  }

  @Override
  public synchronized boolean count(Delivery delivery, AlertKey key, IncidentFacts facts, Instant now, Duration window) {
    if (delivery != null && deliveries.putIfAbsent(delivery.id(), now.plus(delivery.remembered())) != null) {
      return false;
    }
    Incident old = incidents.get(key);
    Incident updated;
    if (old == null || old.closedAt(now, window)) {
      updated = Incident.opened(key, facts, now);
      leases.remove(key);
    } else {
      updated = new Incident(key, old.facts(), old.count() + 1, old.openedAt(), max(old.lastAt(), now), old.channel(),
          old.ts(), old.shown(), null, false);
    }
    incidents.put(key, updated);
    return true;
  }

  @Override
  public synchronized Incident read(AlertKey key) {
    return incidents.get(key);
  }

  @Override
  public synchronized boolean lease(AlertKey key, Instant now, Duration holdFor) {
    Instant until = leases.get(key);
    if (until != null && until.isAfter(now)) {
      return false;
    }
    leases.put(key, now.plus(holdFor));
    return true;
  }

  @Override
  public synchronized void release(AlertKey key) {
    leases.remove(key);
  }

  @Override
  public synchronized void shown(Incident incident, String channel, String ts, long count, boolean shownRecovery) {
    AlertKey key = incident.key();
    Incident i = incidents.get(key);
    if (i == null || !i.openedAt().equals(incident.openedAt())) {
      return;
    }
    incidents.put(key, new Incident(key, i.facts(), i.count(), i.openedAt(), i.lastAt(), channel, ts,
        Math.max(i.shown(), count), i.recoveredAt(), i.recoveryShown() || shownRecovery));
  }

  @Override
  public synchronized List<Incident> unrecovered(String cluster, String subject) {
    List<Incident> open = new ArrayList<>();
    incidents.values().forEach(i -> {
      if (i.key().cluster().equals(cluster) && i.key().subject().equals(subject) && i.recoveredAt() == null) {
        open.add(i);
      }
    });
    return open;
  }

  @Override
  public synchronized boolean joinDeployment(AlertKey key, Instant openedAt, String otherId) {
    Incident i = incidents.get(key);
    if (i == null || !i.openedAt().equals(openedAt)) {
      return false;
    }
    // Keyed by the opening too, so a newer incident of the key starts without a partner, as DynamoDB's Put does.
    return joined.computeIfAbsent(key + "@" + openedAt, k -> otherId).equals(otherId);
  }

  @Override
  public synchronized boolean recovered(AlertKey key, Instant at) {
    Incident i = incidents.get(key);
    if (i == null || i.recoveredAt() != null) {
      return false;
    }
    incidents.put(key, new Incident(key, i.facts(), i.count(), i.openedAt(), i.lastAt(), i.channel(), i.ts(),
        i.shown(), at, false));
    return true;
  }

  @Override
  public synchronized Instant belowDesiredSince(String cluster, String service, Instant now) {
    return below.computeIfAbsent(cluster + "/" + service, k -> now);
  }

  @Override
  public synchronized boolean backToDesired(String cluster, String service) {
    return below.remove(cluster + "/" + service) != null;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
