package io.ecsgate.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsgate.classifier.MalformedSignalException;
import io.ecsgate.classifier.SignalParser;
import io.ecsgate.classifier.SourcedSignal;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The Lambda's work for one EventBridge event: find what it means (a failure, a recovery, or a
 * scheduled sweep), count each failure once however often the event is delivered, and bring the
 * incidents' Slack messages up to date.
 */
public final class Detector {
  /**
   * What one event did, for the function's log and the local runner.
   *
   * @param redelivery every failure it holds had been counted before (a redelivered event, tasks the sweep already reported)
   */
  public record Result(String eventId, boolean redelivery, List<String> alerts, List<String> recovered, List<String> notes) {}

  private final SignalParser parser;
  private final EventFindings findings;
  private final Supplier<Sweep> sweep;
  private final StateStore state;
  private final ChannelRouter router;
  private final IncidentPublisher publisher;
  private final LambdaSettings settings;
  private final Clock clock;
  private final PrintStream log;
  private final SharedIncidents shared;
  private final DeploymentFailureJoin joins;

  /** Runs the channel lookups beside the count; daemon threads, so a finished invocation never waits on them. */
  private static final Executor LOOKUPS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "ecs-gate-channel-lookup");
    t.setDaemon(true);
    return t;
  });

  Detector(SignalParser parser, EventFindings findings, Supplier<Sweep> sweep, StateStore state, ChannelRouter router,
      IncidentPublisher publisher, LambdaSettings settings, Clock clock, PrintStream log) {
    this.parser = parser;
    this.findings = findings;
    this.sweep = sweep;
    this.state = state;
    this.router = router;
    this.publisher = publisher;
    this.settings = settings;
    this.clock = clock;
    this.log = log;
    this.shared = new SharedIncidents(state, settings.floodWindow());
    this.joins = new DeploymentFailureJoin(state, settings.floodWindow());
  }

  /**
   * @throws DeliveryFailedException when Slack did not take a message: the invocation must fail so the event is retried
   * @throws MalformedSignalException when the event is not what ECS sends (a retry would not help)
   */
  public Result handle(JsonNode event) throws MalformedSignalException {
    Instant now = clock.instant();
    String eventId = event.path("id").isTextual() ? event.get("id").asText() : null;
    List<Finding> found = new ArrayList<>();
    List<Recovery> recoveries = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<AlertKey, SharedIncidents.Link> gated = new HashMap<>();
    if ("Scheduled Event".equals(event.path("detail-type").asText()) && "aws.events".equals(event.path("source").asText())) {
      Sweep.Result swept = sweep.get().run(now, eventId);
      found.addAll(swept.findings());
      recoveries.addAll(swept.recoveries());
      notes.add("sweep: " + swept.clusters() + " clusters, " + swept.tasks() + " running tasks, " + swept.services() + " services");
      notes.addAll(swept.notes());
    } else {
      SignalParser.Parsed parsed = parser.parse(event);
      if (parsed.skippedBecause() != null) {
        notes.add("skipped: " + parsed.skippedBecause());
      }
      for (SourcedSignal s : parsed.signals()) {
        EventFindings.Outcome o = findings.of(s);
        if (o.finding() != null) {
          // Joined first: a hook failure joined to its deployment's incident then goes where that is shown.
          SharedIncidents.Link link = shared.link(joins.join(o.finding(), now), s.signal(), now);
          found.add(link.finding());
          if (link.route() != GatedDeployment.Route.OWN) {
            gated.put(link.finding().key(), link);
          }
        }
        if (o.recovery() != null) {
          recoveries.add(o.recovery());
        }
        if (o.note() != null) {
          notes.add(o.note());
        }
      }
    }

    // Where each finding goes (the channel tags, read from ECS) does not depend on the count: it is
    // looked up while DynamoDB counts, which a cold start pays for twice otherwise.
    List<CompletableFuture<String>> channels = found.stream()
        .map(f -> CompletableFuture.supplyAsync(() -> router.channelFor(f.clusterArn(), f.key()), LOOKUPS))
        .toList();
    // Each failure is counted before any message goes out, so a retry after a Slack failure only posts.
    boolean anyCounted = false;
    for (Finding f : found) {
      anyCounted |= state.count(f.delivery(), f.key(), f.facts(), now, settings.floodWindow());
    }
    boolean seenBefore = !found.isEmpty() && !anyCounted;

    List<String> alerts = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      Finding f = found.get(i);
      SharedIncidents.Link link = gated.get(f.key());
      if (link == null) {
        publisher.publish(f.key(), channelOf(channels.get(i)), f.details());
      } else if (link.route() == GatedDeployment.Route.THREAD) {
        publisher.publish(f.key(), link.gate().channel(), link.gate().ts(), f.details());
      } else {
        notes.add("held for the gate's message: " + IncidentPublisher.describe(f.key()));
        continue;
      }
      alerts.add(IncidentPublisher.describe(f.key()));
    }
    List<String> recovered = new ArrayList<>();
    for (Recovery r : recoveries) {
      for (Incident open : state.unrecovered(r.cluster(), r.subject())) {
        if ((r.only() == null || r.only() == open.key().category()) && state.recovered(open.key(), r.at())) {
          GatedDeployment gate = shared.gateOf(open.key());
          if (gate != null && gate.ts() != null) {
            publisher.publish(open.key(), gate.channel(), gate.ts(), List.of());
          } else if (gate != null && open.ts() == null) {
            continue; // held for a gate that sent no message: its verdict covered these failures
          } else {
            publisher.publish(open.key(), open.channel() != null ? open.channel() : settings.defaultChannel(), List.of());
          }
          recovered.add(IncidentPublisher.describe(open.key()));
        }
      }
    }
    Result result = new Result(eventId, seenBefore, alerts, recovered, notes);
    log.println("event " + (eventId == null ? "(no id)" : eventId) + (seenBefore ? " (seen before: not counted again)" : "")
        + ": " + alerts.size() + " alerts " + alerts + ", " + recovered.size() + " recovered " + recovered
        + (notes.isEmpty() ? "" : ", " + String.join("; ", notes)));
    return result;
  }

  /** The looked-up channel; a lookup's own failure is thrown as it would have been without the thread. */
  private static String channelOf(CompletableFuture<String> channel) {
    try {
      return channel.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
