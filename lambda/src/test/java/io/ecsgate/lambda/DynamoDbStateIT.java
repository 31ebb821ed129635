package io.ecsgate.lambda;

import static io.ecsgate.lambda.Harness.calls;
import static io.ecsgate.lambda.Harness.crashLoopTask;
import static io.ecsgate.lambda.Harness.mainPosts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.classifier.Category;
import io.ecsgate.slack.testing.SlackStub;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
  private static final IncidentFacts FACTS =
      new IncidentFacts("task", "eu-west-1", "OOM", null, "app", 137, null, null, null, null);
  private static final Duration WINDOW = Duration.ofHours(1);
  private static DynamoDbLocal local;
  private static DynamoDbClient dynamo;

  private final SlackStub slack = SlackStub.start();
  private String table;
  private DynamoDbState state;

  @BeforeAll
  static void startDynamoDbLocal() throws Exception {
    local = DynamoDbLocal.start();
    dynamo = local.client;
  }

  @AfterAll
  static void stopDynamoDbLocal() throws Exception {
    local.close();
  }

  @BeforeEach
  void newTable() {
    table = local.newStateTable("ecs-gate-state-");
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
        // Each container reads its own clock: a redelivery handled by another one carries other
        // values under the same delivery, as it would in Lambda.
        invocations.add(new Harness(state, slack, Map.of(), NOW.plusMillis(i), Duration.ofMillis(50)));
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
  void theLocalRunnerWithAwsAndStateTableKeepsTheFunctionsStateAcrossRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path event = java.nio.file.Files.writeString(dir.resolve("event.json"), Harness.crashLoopTask(1).toString());
    Map<String, String> env = Map.of("STATE_TABLE", table, "AWS_REGION", "us-east-1", "SLACK_BOT_TOKEN", "xoxb-local",
        "SLACK_API_URL", slack.apiUrl(), "DEFAULT_SLACK_CHANNEL", "#night-watch");
    System.setProperty("aws.endpointUrl", local.endpoint.toString());
    System.setProperty("aws.accessKeyId", "local");
    System.setProperty("aws.secretAccessKey", "local");
    List<Integer> postsAfterEachRun = new ArrayList<>();
    try {
      for (int run = 0; run < 2; run++) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = LocalRunner.run(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8), env, "--aws", event.toString());
        assertThat(code).as(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isZero();
        postsAfterEachRun.add((int) slack.calls().stream().filter("chat.postMessage"::equals).count());
      }
    } finally {
      System.clearProperty("aws.endpointUrl");
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }

    // The second run is a redelivery of the same event: the table remembers it, so nothing more is
    // posted (the first run posted the message and its thread reply).
    assertThat(postsAfterEachRun.get(0)).isPositive();
    assertThat(postsAfterEachRun.get(1)).isEqualTo(postsAfterEachRun.get(0));
    assertThat(dynamo.scan(b -> b.tableName(table)).count()).isPositive();
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
  void aHookRolledBackDeploymentIsOneIncidentAndASecondDeploymentStaysApart() throws Exception {
    Harness h = new Harness(state, slack, Map.of(), NOW, Duration.ZERO);
    AlertKey byHook = DeploymentFailureJoinTest.failed("my-service", DeploymentFailureJoinTest.SERVICE_DEPLOYMENT);

    h.detector.handle(DeploymentFailureJoinTest.hookFailed());
    h.detector.handle(DeploymentFailureJoinTest.deploymentFailed("my-service", DeploymentFailureJoinTest.DEPLOYMENT, "d-1"));
    // Redelivered later, so with other values under the same request token, as Lambda would.
    Detector.Result again = new Harness(state, slack, Map.of(), NOW.plusMillis(5), Duration.ZERO).detector.handle(
        DeploymentFailureJoinTest.deploymentFailed("my-service", DeploymentFailureJoinTest.DEPLOYMENT, "d-1"));
    h.detector.handle(DeploymentFailureJoinTest.deploymentFailed("my-service", "ecs-svc/1111111111111111111", "d-2"));

    assertThat(again.redelivery()).isTrue();
    assertThat(mainPosts(slack)).hasSize(2);
    assertThat(state.read(byHook).count()).isEqualTo(2);
    assertThat(state.read(byHook).shown()).isEqualTo(2);
    assertThat(state.read(DeploymentFailureJoinTest.failed("my-service", DeploymentFailureJoinTest.DEPLOYMENT))).isNull();
    assertThat(state.read(DeploymentFailureJoinTest.failed("my-service", "ecs-svc/1111111111111111111")).count())
        .isEqualTo(1);
  }

  @Test
  void anIncidentJoinsOneOtherDeploymentIdAndANewIncidentOfItsKeyNone() {
    AlertKey key = new AlertKey("prod", "service:web", Category.DEPLOYMENT_FAILED, "0EYSiB0qap8xf0N76FsbE");
    assertThat(state.joinDeployment(key, NOW, "ecs-svc/1")).as("no incident yet").isFalse();
    count(key, "e1", NOW);

    assertThat(state.joinDeployment(key, NOW.minusSeconds(1), "ecs-svc/1")).as("another opening").isFalse();
    assertThat(state.joinDeployment(key, NOW, "ecs-svc/1")).isTrue();
    assertThat(state.joinDeployment(key, NOW, "ecs-svc/1")).as("the same id again").isTrue();
    assertThat(state.joinDeployment(key, NOW, "ecs-svc/2")).as("a second deployment").isFalse();

    count(key, "e2", NOW.plus(Duration.ofMinutes(61))); // the window ended: a new incident replaces the item
    assertThat(state.joinDeployment(key, NOW.plus(Duration.ofMinutes(61)), "ecs-svc/2")).isTrue();
  }

  @Test
  void aNewWindowOrARecoveryOpensANewIncidentAndEveryItemExpires() {
    AlertKey key = new AlertKey("prod", "service:web", Category.OUT_OF_MEMORY, "web:7");
    Duration window = Duration.ofHours(1);

    assertThat(count(key, "e1", NOW)).isTrue();
    assertThat(count(key, "e2", NOW.plusSeconds(600))).isTrue();
    Incident second = state.read(key);
    assertThat(count(key, "e3", NOW.plus(Duration.ofMinutes(61)))).isTrue();
    Incident nextWindow = state.read(key);
    assertThat(state.recovered(key, NOW.plus(Duration.ofMinutes(62)))).isTrue();
    assertThat(state.recovered(key, NOW.plus(Duration.ofMinutes(63)))).as("only once").isFalse();
    assertThat(count(key, "e4", NOW.plus(Duration.ofMinutes(64)))).isTrue();
    Incident afterRecovery = state.read(key);

    assertThat(second.count()).isEqualTo(2);
    assertThat(nextWindow.count()).isEqualTo(1);
    assertThat(nextWindow.openedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(61)));
    assertThat(afterRecovery.count()).isEqualTo(1);
    assertThat(afterRecovery.recoveredAt()).isNull();
    assertThat(count(key, "e4", NOW.plus(Duration.ofMinutes(65)))).as("e4 again").isFalse();
    assertThat(state.read(key).count()).isEqualTo(1);
    assertThat(state.belowDesiredSince("prod", "web", NOW)).isEqualTo(NOW);
    assertThat(state.belowDesiredSince("prod", "web", NOW.plusSeconds(900))).isEqualTo(NOW);
    assertThat(state.backToDesired("prod", "web")).isTrue();
    assertThat(state.backToDesired("prod", "web")).isFalse();

    List<Map<String, AttributeValue>> items = dynamo.scan(b -> b.tableName(table)).items();
    assertThat(items).isNotEmpty().allSatisfy(item -> assertThat(item).containsKey("ttl"));
    assertThat(items).filteredOn(item -> item.get("pk").s().startsWith("delivery#")).hasSize(4)
        .allSatisfy(item -> assertThat(Long.parseLong(item.get("ttl").n()))
            .as("remembered a day from when it was counted").isBetween(
                NOW.plus(Delivery.EVENT_MEMORY).getEpochSecond(),
                NOW.plus(Duration.ofMinutes(64)).plus(Delivery.EVENT_MEMORY).getEpochSecond()));
  }

  @Test
  void aRequestRetriedAfterDynamoDbAppliedItCountsOnce() {
    AlertKey key = new AlertKey("prod", "service:web", Category.APP_EXIT, "web:8");
    ResponseDropper dropper = new ResponseDropper("TransactWriteItems", 1);
    try (DynamoDbClient lossy = local.client(dropper)) {
      DynamoDbState overLossyNetwork = new DynamoDbState(() -> lossy, table);

      boolean counted = overLossyNetwork.count(Delivery.ofEvent("lost-response", ""), key, FACTS, NOW, WINDOW);

      assertThat(dropper.dropped()).as("the first response was dropped after DynamoDB applied the write").isEqualTo(1);
      assertThat(dropper.attempts()).as("and the SDK sent the same request again").isEqualTo(2);
      assertThat(counted).as("the retry, with the same token, is answered as done").isTrue();
      assertThat(state.read(key).count()).isEqualTo(1);
    }
    assertThat(state.count(Delivery.ofEvent("lost-response", ""), key, FACTS, NOW.plusSeconds(30), WINDOW))
        .as("a redelivery minutes later, other values under the same token").isFalse();
    assertThat(state.read(key).count()).isEqualTo(1);
  }

  @Test
  void aDeliveryWhoseEveryResponseWasLostIsCountedOnceWhenLambdaRetriesIt() {
    AlertKey key = new AlertKey("prod", "service:web", Category.APP_EXIT, "web:9");
    ResponseDropper alwaysDown = new ResponseDropper("TransactWriteItems", Integer.MAX_VALUE);
    try (DynamoDbClient down = local.client(alwaysDown)) {
      DynamoDbState failing = new DynamoDbState(() -> down, table);
      assertThatThrownBy(() -> failing.count(Delivery.ofEvent("retried", ""), key, FACTS, NOW, WINDOW))
          .isInstanceOf(SdkServiceException.class);
    }
    // Every attempt was applied and then reported as failed; the next delivery (a later Lambda
    // retry) cannot tell, and must not count again.
    assertThat(state.read(key).count()).isEqualTo(1);
    assertThat(state.count(Delivery.ofEvent("retried", ""), key, FACTS, NOW.plusSeconds(60), WINDOW)).isFalse();
    assertThat(state.read(key).count()).isEqualTo(1);
  }

  @Test
  void aDeliveryThatNeverReachedDynamoDbLeavesNoTraceSoItsRetryCountsIt() {
    AlertKey key = new AlertKey("prod", "service:web", Category.APP_EXIT, "web:10");
    try (DynamoDbClient unreachable = DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:1"))
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
      DynamoDbState failing = new DynamoDbState(() -> unreachable, table);
      assertThatThrownBy(() -> failing.count(Delivery.ofEvent("never-arrived", ""), key, FACTS, NOW, WINDOW))
          .isInstanceOf(SdkClientException.class);
    }

    assertThat(state.read(key)).isNull();
    assertThat(state.count(Delivery.ofEvent("never-arrived", ""), key, FACTS, NOW.plusSeconds(60), WINDOW)).isTrue();
    assertThat(state.read(key).count()).isEqualTo(1);
  }

  @Test
  void writesThatMeetAnotherTransactionWaitItOutAndCountOnce() {
    AlertKey key = new AlertKey("prod", "service:web", Category.APP_EXIT, "web:11");
    ConflictingDynamoDb busy = new ConflictingDynamoDb(dynamo, 3, 2);
    DynamoDbState contended = new DynamoDbState(() -> busy, table);

    assertThat(contended.count(Delivery.ofEvent("contended", ""), key, FACTS, NOW, WINDOW)).isTrue();
    assertThat(contended.lease(key, NOW, Duration.ofSeconds(50))).isTrue();

    assertThat(busy.transactionConflictsLeft()).as("every conflict was met").isNegative();
    assertThat(busy.updateConflictsLeft()).isNegative();
    assertThat(state.read(key).count()).isEqualTo(1);
    assertThat(state.lease(key, NOW.plusSeconds(1), Duration.ofSeconds(50))).as("the lease was taken").isFalse();
  }

  private boolean count(AlertKey key, String eventId, Instant at) {
    return state.count(Delivery.ofEvent(eventId, ""), key, FACTS, at, WINDOW);
  }

  private static int countIn(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) stopped task").matcher(text);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
