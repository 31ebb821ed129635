package io.ecsgate.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The state in one DynamoDB table (partition key {@code pk}, sort key {@code sk}, TTL attribute
 * {@code ttl}). Every decision is a single conditional write, so concurrent invocations agree:
 *
 * <ul>
 *   <li>{@code delivery#ID / -}: an event or sweep finding already counted (PutItem if absent).
 *   <li>{@code incident#CLUSTER#SUBJECT / CATEGORY#TASKDEF}: count (atomic ADD), window, message
 *       ts and shown count, Slack lease, recovery.
 *   <li>{@code below#CLUSTER#SERVICE / -}: when a service was first seen below its desired count.
 * </ul>
 *
 * Times are epoch milliseconds; {@code ttl} is epoch seconds, as DynamoDB's TTL wants it.
 */
public final class DynamoDbState implements StateStore {
  /** How long an incident outlives its last failure, so the recovery can still find its message. */
  static final Duration INCIDENT_RETENTION = Duration.ofDays(7);
  private static final String NONE = "-";

  private final Supplier<DynamoDbClient> client;
  private final String table;

  /** @param client made on first use: an event that changes nothing never builds it */
  public DynamoDbState(Supplier<DynamoDbClient> client, String table) {
    this.client = client;
    this.table = table;
  }

  @Override
  public boolean firstDelivery(String id, Instant expires) {
    try {
      client.get().putItem(b -> b.tableName(table)
          .item(Map.of("pk", s("delivery#" + id), "sk", s(NONE), "ttl", n(expires.getEpochSecond())))
          .conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void forgetDelivery(String id) {
    client.get().deleteItem(b -> b.tableName(table).key(key("delivery#" + id, NONE)));
  }

  @Override
  public Incident count(AlertKey key, IncidentFacts facts, Instant now, Duration window) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":one", n(1));
    values.put(":now", n(now.toEpochMilli()));
    values.put(":cutoff", n(now.minus(window).toEpochMilli()));
    values.put(":ttl", n(now.plus(window).plus(INCIDENT_RETENTION).getEpochSecond()));
    values.put(":facts", facts(facts));
    while (true) {
      try {
        UpdateItemResponse r = client.get().updateItem(b -> b.tableName(table).key(key(key))
            .updateExpression("ADD #count :one SET lastAt = :now, #ttl = :ttl,"
                + " openedAt = if_not_exists(openedAt, :now), facts = if_not_exists(facts, :facts)")
            .conditionExpression("attribute_not_exists(pk) OR (attribute_not_exists(recoveredAt) AND openedAt >= :cutoff)")
            .expressionAttributeNames(Map.of("#count", "count", "#ttl", "ttl"))
            .expressionAttributeValues(values)
            .returnValues(ReturnValue.ALL_NEW));
        return incident(key, r.attributes());
      } catch (ConditionalCheckFailedException closed) {
        // The incident there recovered or its window ended: replace it, unless another invocation just did.
        Incident fresh = Incident.opened(key, facts, now);
        Map<String, AttributeValue> item = new HashMap<>(key(key));
        item.put("count", n(1));
        item.put("openedAt", n(now.toEpochMilli()));
        item.put("lastAt", n(now.toEpochMilli()));
        item.put("facts", facts(facts));
        item.put("ttl", values.get(":ttl"));
        try {
          client.get().putItem(b -> b.tableName(table).item(item)
              .conditionExpression("attribute_exists(recoveredAt) OR openedAt < :cutoff")
              .expressionAttributeValues(Map.of(":cutoff", values.get(":cutoff"))));
          return fresh;
        } catch (ConditionalCheckFailedException replacedMeanwhile) {
          // loop: count in the incident the other invocation opened
        }
      }
    }
  }

  @Override
  public Incident read(AlertKey key) {
    Map<String, AttributeValue> item = client.get().getItem(b -> b.tableName(table).key(key(key)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : incident(key, item);
  }

  @Override
  public boolean lease(AlertKey key, Instant now, Duration holdFor) {
    try {
      client.get().updateItem(b -> b.tableName(table).key(key(key))
          .updateExpression("SET leaseUntil = :until")
          .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
          .expressionAttributeValues(Map.of(":until", n(now.plus(holdFor).toEpochMilli()), ":now", n(now.toEpochMilli()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void release(AlertKey key) {
    try {
      client.get().updateItem(b -> b.tableName(table).key(key(key))
          .updateExpression("REMOVE leaseUntil")
          .conditionExpression("attribute_exists(pk)"));
    } catch (ConditionalCheckFailedException gone) {
      // nothing to release
    }
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
    try {
      client.get().updateItem(b -> b.tableName(table).key(key(incident.key()))
          .updateExpression(set)
          .conditionExpression("openedAt = :opened")
          .expressionAttributeValues(values));
    } catch (ConditionalCheckFailedException replaced) {
      // a new incident took the key: its own message comes with its own post
    }
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
  public boolean recovered(AlertKey key, Instant at) {
    try {
      client.get().updateItem(b -> b.tableName(table).key(key(key))
          .updateExpression("SET recoveredAt = :at")
          .conditionExpression("attribute_exists(pk) AND attribute_not_exists(recoveredAt)")
          .expressionAttributeValues(Map.of(":at", n(at.toEpochMilli()))));
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
