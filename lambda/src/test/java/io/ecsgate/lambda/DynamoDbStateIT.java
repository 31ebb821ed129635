package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.calls;
import static io.ecsgate.lambda.Harness.crashLoopTask;
import static io.ecsgate.lambda.Harness.mainPosts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.classifier.Category;
import io.ecsgate.slack.testing.SlackStub;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * The DynamoDB state under concurrency, against DynamoDB Local over HTTP: many invocations (each
 * with its own detector and Slack client, as separate Lambda containers would be) deliver one
 * crash loop's events at the same time.
 */
class DynamoDbStateIT {
  /**
   * The real now: DynamoDB Local's TTL sweeper deletes items whose {@code ttl} has passed by the
   * machine's clock, so items written at a fixed past date would vanish mid-test.
   */
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final int INVOCATIONS = 16;
  private static DynamoDBProxyServer server;
  private static DynamoDbClient dynamo;
  private static final AtomicInteger TABLES = new AtomicInteger();

  private final SlackStub slack = SlackStub.start();
  private DynamoDbState state;

  @BeforeAll
  static void startDynamoDbLocal() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = ServerRunner.createServerFromCommandLineArgs(new String[] {"-inMemory", "-port", String.valueOf(port)});
    server.start();
    dynamo = DynamoDbClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterAll
  static void stopDynamoDbLocal() throws Exception {
    dynamo.close();
    server.stop();
  }

  @BeforeEach
  void newTable() {
    String table = "ecs-gate-state-" + TABLES.incrementAndGet();
    dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
            a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
    dynamo.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true)));
    state = new DynamoDbState(() -> dynamo, table);
  }

  @AfterEach
  void stopSlack() {
    slack.close();
  }

  /** Delivers the events from {@link #INVOCATIONS} threads at once, each thread its own detector. */
  private void deliverConcurrently(List<ObjectNode> events) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(INVOCATIONS);
    try {
      List<Harness> invocations = new ArrayList<>();
      for (int i = 0; i < INVOCATIONS; i++) {
        invocations.add(new Harness(state, slack, Map.of(), NOW, Duration.ofMillis(50)));
      }
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        Harness h = invocations.get(i % INVOCATIONS);
        ObjectNode e = events.get(i);
        done.add(pool.submit(() -> {
          synchronized (h) { // one event at a time per container, as Lambda runs them
            return h.detector.handle(e);
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aThousandEventsOfOneCrashLoopDeliveredConcurrentlyGiveOneMessageThatCountsAThousand() throws Exception {
    List<ObjectNode> events = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      events.add(crashLoopTask(i));
    }
    for (int i = 1; i <= 200; i++) {
      events.add(crashLoopTask(i * 5)); // redeliveries, same ids
    }
    Collections.shuffle(events, new java.util.Random(42));

    deliverConcurrently(events);

    assertThat(mainPosts(slack)).hasSize(1);
    Incident incident = state.read(new AlertKey("prod", "service:payments-api", Category.APP_EXIT, "payments-api:42"));
    assertThat(incident.count()).isEqualTo(1000);
    assertThat(incident.shown()).isEqualTo(1000);
    List<SlackStub.Request> updates = calls(slack, "chat.update");
    assertThat(updates.get(updates.size() - 1).form().get("text")).contains("1000 stopped tasks like this");
    assertThat(updates).allSatisfy(u -> assertThat(u.form()).containsEntry("ts", SlackStub.ts(1)));
    // Updates never go backwards: only the lease holder talks to Slack.
    List<Integer> shownCounts = updates.stream().map(u -> countIn(u.form().get("text"))).toList();
    assertThat(shownCounts).isSorted();
    assertThat(updates.size()).as("the debounce folds a burst into few updates").isLessThan(200);
  }

  @Test
  void distinctFailuresDeliveredTogetherAreNeitherLostNorMerged() throws Exception {
    List<ObjectNode> events = new ArrayList<>();
    for (int revision = 1; revision <= 3; revision++) {
      for (int i = 1; i <= 50; i++) {
        ObjectNode e = crashLoopTask(revision * 1000 + i);
        ((ObjectNode) e.get("detail")).put("taskDefinitionArn",
            "arn:aws:ecs:eu-west-1:123456789012:task-definition/payments-api:" + revision);
        events.add(e);
      }
    }
    Collections.shuffle(events, new java.util.Random(7));

    deliverConcurrently(events);

    assertThat(mainPosts(slack)).hasSize(3);
    for (int revision = 1; revision <= 3; revision++) {
      Incident i = state.read(new AlertKey("prod", "service:payments-api", Category.APP_EXIT, "payments-api:" + revision));
      assertThat(i.count()).as("revision %s", revision).isEqualTo(50);
      assertThat(i.shown()).as("revision %s", revision).isEqualTo(50);
    }
  }

  @Test
  void aNewWindowOrARecoveryOpensANewIncidentAndEveryItemExpires() {
    AlertKey key = new AlertKey("prod", "service:web", Category.OUT_OF_MEMORY, "web:7");
    IncidentFacts facts = new IncidentFacts("task", "eu-west-1", "OOM", null, "app", 137, null, null, null, null);
    Duration window = Duration.ofHours(1);

    state.count(key, facts, NOW, window);
    Incident second = state.count(key, facts, NOW.plusSeconds(600), window);
    Incident nextWindow = state.count(key, facts, NOW.plus(Duration.ofMinutes(61)), window);
    assertThat(state.recovered(key, NOW.plus(Duration.ofMinutes(62)))).isTrue();
    assertThat(state.recovered(key, NOW.plus(Duration.ofMinutes(63)))).as("only once").isFalse();
    Incident afterRecovery = state.count(key, facts, NOW.plus(Duration.ofMinutes(64)), window);

    assertThat(second.count()).isEqualTo(2);
    assertThat(nextWindow.count()).isEqualTo(1);
    assertThat(nextWindow.openedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(61)));
    assertThat(afterRecovery.count()).isEqualTo(1);
    assertThat(afterRecovery.recoveredAt()).isNull();
    assertThat(state.firstDelivery("event#x", NOW.plusSeconds(60))).isTrue();
    assertThat(state.firstDelivery("event#x", NOW.plusSeconds(60))).isFalse();
    assertThat(state.belowDesiredSince("prod", "web", NOW)).isEqualTo(NOW);
    assertThat(state.belowDesiredSince("prod", "web", NOW.plusSeconds(900))).isEqualTo(NOW);
    assertThat(state.backToDesired("prod", "web")).isTrue();
    assertThat(state.backToDesired("prod", "web")).isFalse();

    String table = "ecs-gate-state-" + TABLES.get();
    List<Map<String, AttributeValue>> items = dynamo.scan(b -> b.tableName(table)).items();
    assertThat(items).isNotEmpty().allSatisfy(item -> assertThat(item).containsKey("ttl"));
  }

  private static int countIn(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) stopped task").matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
