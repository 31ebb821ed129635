package io.ecsgate.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The state in one DynamoDB table (partition key {@code pk}, sort key {@code sk}, TTL attribute
 * {@code ttl}). Every decision is one conditional write, or one transaction where two items must
 * change together, so concurrent invocations agree:
 *
 * <ul>
 *   <li>{@code delivery#ID / -}: an event or sweep finding already counted. Written in the same
 *       TransactWriteItems as its count (a Put if absent beside the incident's ADD), so a delivery
 *       is counted exactly once: never twice after a redelivery or a retried request, never lost
 *       to a crash between two writes.
 *   <li>{@code incident#CLUSTER#SUBJECT / CATEGORY#TASKDEF}: count, window, message ts and shown
 *       count, Slack lease, recovery; {@code joinedId}: the other id of a failed deployment the
 *       incident also stands for ({@link DeploymentFailureJoin}).
 *   <li>{@code below#CLUSTER#SERVICE / -}: when a service was first seen below its desired count.
 *   <li>{@code gated#CLUSTER#service:SERVICE / DEPLOYMENT_ID}: a deployment the gate gates, written by
 *       the gate only ({@code --state-table}; the CI role may write nothing else): {@code gatedAt},
 *       {@code claimUntil} while it will post, {@code jobUrl}, {@code triggeredBy}, then the
 *       {@code channel} and {@code ts} of its message. Read here, see {@link GatedDeployment}.
 * </ul>
 *
 * Times are epoch milliseconds; {@code ttl} is epoch seconds, as DynamoDB's TTL wants it.
 */
public final class DynamoDbState implements StateStore {
  /** How long an incident outlives its last failure, so the recovery can still find its message. */
  static final Duration INCIDENT_RETENTION = Duration.ofDays(7);
  /** Adding and replacing can alternate while invocations race, and conflicts are waited out. */
  private static final int MAX_COUNT_ATTEMPTS = 12;
  private static final String NONE = "-";
  private static final String DELIVERY = "delivery#";
  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
  private static final String TRANSACTION_CONFLICT = "TransactionConflict";

  private final Supplier<DynamoDbClient> client;
  private final String table;
  private final ConflictBackoff conflicts = new ConflictBackoff();

  /** @param client made on first use: an event that changes nothing never builds it */
  public DynamoDbState(Supplier<DynamoDbClient> client, String table) {
    this.client = client;
    this.table = table;
  }

  @Override
  public boolean count(Delivery delivery, AlertKey key, IncidentFacts facts, Instant now, Duration window) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":one", n(1));
    values.put(":now", n(now.toEpochMilli()));
    values.put(":cutoff", n(now.minus(window).toEpochMilli()));
    values.put(":ttl", n(now.plus(window).plus(INCIDENT_RETENTION).getEpochSecond()));
    values.put(":facts", facts(facts));
    TransactWriteItem marker = delivery == null ? null : marker(delivery, now);
    boolean addToOpen = true;
    for (int attempt = 1; attempt <= MAX_COUNT_ATTEMPTS; attempt++) {
      TransactWriteItem incident = addToOpen ? addTo(key, values) : replace(key, facts, now, values);
      switch (transact(marker, incident, delivery == null ? null : token(delivery, attempt))) {
        case DONE:
          return true;
        case DELIVERED_BEFORE:
          return false;
        case INCIDENT_CONDITION_FAILED:
          // Adding: the open incident recovered or its window ended, so replace it. Replacing: another
          // invocation has just opened a new one, so add to that.
          addToOpen = !addToOpen;
          break;
        case CONFLICT:
          conflicts.backOff(attempt);
          break;
        case TOKEN_USED:
          // An earlier delivery of this event used the same token with other values (its own clock
          // reading) within DynamoDB's 10 minutes. The marker, written atomically with the count, says
          // whether that delivery counted; if not, the next attempt has a token of its own.
          if (delivered(delivery)) {
            return false;
          }
          break;
      }
    }
    throw new IllegalStateException("failed to count a failure of " + IncidentPublisher.describe(key) + ": still contended after "
        + MAX_COUNT_ATTEMPTS + " attempts");
  }

  /** What one TransactWriteItems of a delivery and its count came to. */
  private enum Outcome { DONE, DELIVERED_BEFORE, INCIDENT_CONDITION_FAILED, CONFLICT, TOKEN_USED }

  private Outcome transact(TransactWriteItem marker, TransactWriteItem incident, String token) {
    List<TransactWriteItem> items = marker == null ? List.of(incident) : List.of(marker, incident);
    try {
      client.get().transactWriteItems(b -> b.transactItems(items).clientRequestToken(token));
      return Outcome.DONE;
    } catch (TransactionCanceledException e) {
      // One reason per item, in order: "None" for items that were fine.
      List<CancellationReason> reasons = e.cancellationReasons();
      if (marker != null && conditionFailed(reasons, 0)) {
        return Outcome.DELIVERED_BEFORE;
      }
      if (conditionFailed(reasons, items.size() - 1)) {
        return Outcome.INCIDENT_CONDITION_FAILED;
      }
      if (reasons.stream().anyMatch(r -> TRANSACTION_CONFLICT.equals(r.code()))) {
        return Outcome.CONFLICT;
      }
      throw e;
    } catch (IdempotentParameterMismatchException e) {
      return Outcome.TOKEN_USED;
    }
  }

  /** Records a delivery, unless it was recorded before. */
  private TransactWriteItem marker(Delivery delivery, Instant now) {
    return TransactWriteItem.builder().put(p -> p.tableName(table)
        .item(Map.of("pk", s(DELIVERY + delivery.id()), "sk", s(NONE),
            "ttl", n(now.plus(delivery.remembered()).getEpochSecond())))
        .conditionExpression("attribute_not_exists(pk)")).build();
  }

  /** Adds one to the incident open for the key, creating it when there is none. */
  private TransactWriteItem addTo(AlertKey key, Map<String, AttributeValue> values) {
    return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(key))
        .updateExpression("ADD #count :one SET lastAt = :now, #ttl = :ttl,"
            + " openedAt = if_not_exists(openedAt, :now), facts = if_not_exists(facts, :facts)")
        .conditionExpression("attribute_not_exists(pk) OR (attribute_not_exists(recoveredAt) AND openedAt >= :cutoff)")
        .expressionAttributeNames(Map.of("#count", "count", "#ttl", "ttl"))
        .expressionAttributeValues(values)).build();
  }

  /** Opens a new incident in place of one that recovered or whose window ended. */
  private TransactWriteItem replace(AlertKey key, IncidentFacts facts, Instant now, Map<String, AttributeValue> values) {
    Map<String, AttributeValue> item = new HashMap<>(key(key));
    item.put("count", n(1));
    item.put("openedAt", n(now.toEpochMilli()));
    item.put("lastAt", n(now.toEpochMilli()));
    item.put("facts", facts(facts));
    item.put("ttl", values.get(":ttl"));
    return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
        .conditionExpression("attribute_exists(recoveredAt) OR openedAt < :cutoff")
        .expressionAttributeValues(Map.of(":cutoff", values.get(":cutoff")))).build();
  }

  /**
   * The ClientRequestToken of a delivery's attempt: an SDK retry of a request DynamoDB already
   * applied (the response was lost) repeats the token and is answered as done, not applied again.
   * A name-based UUID fits the token's 36 characters whatever the delivery id's length.
   */
  private static String token(Delivery delivery, int attempt) {
    return UUID.nameUUIDFromBytes((delivery.id() + "#" + attempt).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private boolean delivered(Delivery delivery) {
    return consistentRead(key(DELIVERY + delivery.id(), NONE)) != null;
  }

  private static boolean conditionFailed(List<CancellationReason> reasons, int index) {
    return index < reasons.size() && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
  }

  @Override
  public Incident read(AlertKey key) {
    Map<String, AttributeValue> item = consistentRead(key(key));
    return item == null ? null : incident(key, item);
  }

  /** The item, or null when there is none. */
  private Map<String, AttributeValue> consistentRead(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = client.get().getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }

  @Override
  public boolean lease(AlertKey key, Instant now, Duration holdFor) {
    return updateIncident(key, b -> b
        .updateExpression("SET leaseUntil = :until")
        .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
        .expressionAttributeValues(Map.of(":until", n(now.plus(holdFor).toEpochMilli()), ":now", n(now.toEpochMilli()))));
  }

  @Override
  public void release(AlertKey key) {
    updateIncident(key, b -> b.updateExpression("REMOVE leaseUntil").conditionExpression("attribute_exists(pk)"));
  }

  @Override
  public void shown(Incident incident, String channel, String ts, long count, boolean recoveryShown) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":channel", s(channel));
    values.put(":ts", s(ts));
    values.put(":count", n(count));
    values.put(":opened", n(incident.openedAt().toEpochMilli()));
    String set = "SET channel = :channel, ts = :ts, shown = :count" + (recoveryShown ? ", recoveryShown = :true" : "");
    if (recoveryShown) {
      values.put(":true", AttributeValue.fromBool(true));
    }
    // Ignored when a new incident took the key: its own message comes with its own post.
    updateIncident(incident.key(), b -> b.updateExpression(set).conditionExpression("openedAt = :opened")
        .expressionAttributeValues(values));
  }

  @Override
  public List<Incident> unrecovered(String cluster, String subject) {
    List<Incident> open = new ArrayList<>();
    client.get().queryPaginator(b -> b.tableName(table).consistentRead(true)
            .keyConditionExpression("pk = :pk")
            .filterExpression("attribute_not_exists(recoveredAt)")
            .expressionAttributeValues(Map.of(":pk", s(AlertKey.partition(cluster, subject)))))
        .items()
        .forEach(item -> open.add(incident(AlertKey.fromKeys(item.get("pk").s(), item.get("sk").s()), item)));
    return open;
  }

  @Override
  public boolean joinDeployment(AlertKey key, Instant openedAt, String otherId) {
    // A replacing Put (a new incident of the key) drops joinedId with the rest of the old item.
    return updateIncident(key, b -> b
        .updateExpression("SET joinedId = :id")
        .conditionExpression("openedAt = :opened AND (attribute_not_exists(joinedId) OR joinedId = :id)")
        .expressionAttributeValues(Map.of(":id", s(otherId), ":opened", n(openedAt.toEpochMilli()))));
  }

  @Override
  public boolean recovered(AlertKey key, Instant at) {
    return updateIncident(key, b -> b
        .updateExpression("SET recoveredAt = :at")
        .conditionExpression("attribute_exists(pk) AND attribute_not_exists(recoveredAt)")
        .expressionAttributeValues(Map.of(":at", n(at.toEpochMilli()))));
  }

  /**
   * A conditional UpdateItem of an incident's item, which a count's transaction may be holding.
   *
   * @return false when the condition failed
   */
  private boolean updateIncident(AlertKey key, Consumer<UpdateItemRequest.Builder> update) {
    try {
      conflicts.write(() -> client.get().updateItem(b -> update.accept(b.tableName(table).key(key(key)))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public Instant belowDesiredSince(String cluster, String service, Instant now) {
    UpdateItemResponse r = client.get().updateItem(b -> b.tableName(table).key(key("below#" + cluster + "#" + service, NONE))
        .updateExpression("SET since = if_not_exists(since, :now), #ttl = :ttl")
        .expressionAttributeNames(Map.of("#ttl", "ttl"))
        .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()),
            ":ttl", n(now.plus(INCIDENT_RETENTION).getEpochSecond())))
        .returnValues(ReturnValue.ALL_NEW));
    return Instant.ofEpochMilli(Long.parseLong(r.attributes().get("since").n()));
  }

  @Override
  public boolean backToDesired(String cluster, String service) {
    return client.get().deleteItem(b -> b.tableName(table).key(key("below#" + cluster + "#" + service, NONE))
        .returnValues(ReturnValue.ALL_OLD)).hasAttributes();
  }

  @Override
  public GatedDeployment gated(String cluster, String service, String deploymentId) {
    Map<String, AttributeValue> item = consistentRead(key(GatedDeployment.partition(cluster, service), deploymentId));
    return item == null ? null : gated(cluster, service, item);
  }

  @Override
  public GatedDeployment latestGated(String cluster, String service) {
    // A service has a handful of gated deployments within the records' TTL: one query, newest wins.
    GatedDeployment latest = null;
    for (Map<String, AttributeValue> item : client.get().queryPaginator(b -> b.tableName(table).consistentRead(true)
            .keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", s(GatedDeployment.partition(cluster, service))))).items()) {
      GatedDeployment g = gated(cluster, service, item);
      if (latest == null || g.gatedAt().isAfter(latest.gatedAt())) {
        latest = g;
      }
    }
    return latest;
  }

  private static GatedDeployment gated(String cluster, String service, Map<String, AttributeValue> item) {
    return new GatedDeployment(cluster, service, item.get("sk").s(), text(item, "jobUrl"), text(item, "triggeredBy"),
        instant(item, "gatedAt"), item.containsKey("claimUntil") ? instant(item, "claimUntil") : null,
        text(item, "channel"), text(item, "ts"));
  }

  private static Incident incident(AlertKey key, Map<String, AttributeValue> item) {
    Map<String, String> facts = new HashMap<>();
    AttributeValue f = item.get("facts");
    if (f != null && f.hasM()) {
      f.m().forEach((k, v) -> facts.put(k, v.s()));
    }
    return new Incident(key, IncidentFacts.fromMap(facts), number(item, "count"), instant(item, "openedAt"),
        instant(item, "lastAt"), text(item, "channel"), text(item, "ts"), number(item, "shown"),
        item.containsKey("recoveredAt") ? instant(item, "recoveredAt") : null,
        item.containsKey("recoveryShown") && Boolean.TRUE.equals(item.get("recoveryShown").bool()));
  }

  private static AttributeValue facts(IncidentFacts facts) {
    Map<String, AttributeValue> m = new HashMap<>();
    facts.toMap().forEach((k, v) -> m.put(k, s(v)));
    return AttributeValue.fromM(m);
  }

  private static Map<String, AttributeValue> key(AlertKey key) {
    return key(key.partition(), key.sortKey());
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  private static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    return Instant.ofEpochMilli(number(item, name));
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
