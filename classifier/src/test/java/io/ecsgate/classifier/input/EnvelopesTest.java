package io.ecsgate.classifier.input;

import static io.ecsgate.classifier.input.EnvelopeSamples.awsLogs;
import static io.ecsgate.classifier.input.EnvelopeSamples.awsLogsOf;
import static io.ecsgate.classifier.input.EnvelopeSamples.notification;
import static io.ecsgate.classifier.input.EnvelopeSamples.sns;
import static io.ecsgate.classifier.input.EnvelopeSamples.sqs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.classifier.input.Envelopes.Content;
import io.ecsgate.classifier.input.Envelopes.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each envelope opens to the event inside, at its path; whatever else it holds is one item naming where. */
class EnvelopesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT = corpus("oom-container-killed-137").toString();
  private static final String OTHER = corpus("deploy-failed-circuit-breaker-event").toString();

  private final Envelopes envelopes = new Envelopes();
  private final List<Content> contents = new ArrayList<>();

  private static JsonNode corpus(String name) {
    try {
      return JSON.readTree(Files.readString(Path.of("src/test/resources/corpus/" + name + ".json")));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Kind open(JsonNode value) {
    return envelopes.open(value, "in.json:3", contents::add);
  }

  private List<String> described() {
    return contents.stream().map(c -> c.getClass().getSimpleName() + "@" + c.location()).toList();
  }

  private String problem(int i) {
    return contents.get(i) instanceof Content.Malformed m ? m.problem() : ((Content.Skipped) contents.get(i)).why();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "envelope-sns-lambda-image-pull, SNS, in.json:3 Records[0].Sns.Message, image-pull-dockerhub-repo-does-not-exist",
      "envelope-sqs-raw-oom-killed, SQS, in.json:3 Records[0].body, oom-container-killed-137",
      "envelope-sqs-via-sns-deployment-failed, SQS, in.json:3 Records[0].body.Message, deploy-failed-circuit-breaker-event",
      "envelope-sns-notification-health-elb, SNS_NOTIFICATION, in.json:3 Message, health-elb-stopped-exit-143",
      "envelope-awslogs-app-exit, CLOUDWATCH_LOGS, in.json:3 awslogs.data.logEvents[0].message, app-exit-1-with-log-router-exit-0"})
  void eachRealEnvelopeOpensToTheEventInsideItVerbatim(String envelope, Kind kind, String location, String inside) {
    assertThat(open(corpus(envelope))).isEqualTo(kind);

    assertThat(described()).containsExactly("Value@" + location);
    assertThat(((Content.Value) contents.get(0)).value()).isEqualTo(corpus(inside));
  }

  @Test
  void severalRecordsOpenInOrderEachWithItsMessageId() {
    Kind kind = open(sqs(EVENT, notification(OTHER).toString(), "plain text", "{\"not\": \"ecs\"}"));

    assertThat(kind).isEqualTo(Kind.SQS);
    assertThat(described()).containsExactly("Value@in.json:3 Records[0].body", "Value@in.json:3 Records[1].body.Message",
        "Skipped@in.json:3 Records[2].body", "Value@in.json:3 Records[3].body");
    assertThat(contents).extracting(Content::messageId).containsExactly("msg-0", "msg-1", "msg-2", "msg-3");
    assertThat(((Content.Value) contents.get(1)).value().get("detail-type").asText()).isEqualTo("ECS Deployment State Change");
    assertThat(problem(2)).isEqualTo("not JSON, so not an ECS event");
  }

  @Test
  void snsRecordsAndLogEventsOpenInOrderToo() {
    open(sns(EVENT, OTHER));
    open(awsLogs(OTHER, "START RequestId: 6234bffe", EVENT));

    assertThat(described()).containsExactly("Value@in.json:3 Records[0].Sns.Message", "Value@in.json:3 Records[1].Sns.Message",
        "Value@in.json:3 awslogs.data.logEvents[0].message", "Skipped@in.json:3 awslogs.data.logEvents[1].message",
        "Value@in.json:3 awslogs.data.logEvents[2].message");
    assertThat(contents).extracting(Content::messageId).containsOnlyNulls();
  }

  @Test
  void theDecodedLogDataAndAMessageHoldingAnArrayOpenToo() {
    open(EnvelopeSamples.logData(EVENT));
    open(sns("[" + EVENT + "," + OTHER + "]"));

    assertThat(described()).containsExactly("Value@in.json:3 logEvents[0].message",
        "Value@in.json:3 Records[0].Sns.Message[0]", "Value@in.json:3 Records[0].Sns.Message[1]");
  }

  @Test
  void aValueThatIsNoEnvelopePassesThroughUnchanged() {
    JsonNode event = corpus("oom-container-killed-137");
    ObjectNode s3 = JSON.createObjectNode();
    s3.putArray("Records").addObject().put("eventSource", "aws:s3");
    ObjectNode eventWithRecords = event.deepCopy();
    eventWithRecords.set("Records", sqs(OTHER).get("Records"));

    assertThat(open(event)).isEqualTo(Kind.NONE);
    assertThat(open(s3)).isEqualTo(Kind.NONE);
    assertThat(open(eventWithRecords)).as("a detail-type makes an event, as the fast path reads it").isEqualTo(Kind.NONE);
    assertThat(contents).extracting(c -> ((Content.Value) c).value()).containsExactly(event, s3, eventWithRecords);
    assertThat(described()).containsOnly("Value@in.json:3");
  }

  @Test
  void badBase64AndBadGzipAreOneMalformedItemEach() {
    ObjectNode badBase64 = JSON.createObjectNode();
    badBase64.putObject("awslogs").put("data", "H4sI%%%not base64");

    open(badBase64);
    open(awsLogsOf("{\"just\": \"json, not gzip\"}".getBytes(StandardCharsets.UTF_8)));
    open(awsLogsOf(java.util.Arrays.copyOf(EnvelopeSamples.gzip(EVENT.getBytes(StandardCharsets.UTF_8)), 40)));
    open(awsLogsOf(EnvelopeSamples.gzip("{\"no\": \"logEvents\"}".getBytes(StandardCharsets.UTF_8))));

    assertThat(described()).containsOnly("Malformed@in.json:3 awslogs.data").hasSize(4);
    assertThat(problem(0)).startsWith("not base64: ");
    assertThat(problem(1)).startsWith("not gzip: ");
    assertThat(problem(2)).startsWith("not gzip: ");
    assertThat(problem(3)).isEqualTo("not a CloudWatch Logs subscription payload (no messageType and logEvents)");
    assertThat(contents).extracting(this::problemOf).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
  }

  private String problemOf(Content c) {
    return c instanceof Content.Malformed m ? m.problem() : "";
  }

  @Test
  void aGzipBombIsOneMalformedItemAndIsNeverDecompressedWhole() {
    byte[] bomb = EnvelopeSamples.gzipBomb(256L << 20);
    assertThat(bomb.length).as("256 MiB of zeros compress to ~256 KB, well under one item's 4 MiB").isLessThan(2 << 20);

    long before = allocatedBytes();
    open(awsLogsOf(bomb));
    long allocated = allocatedBytes() - before;

    assertThat(described()).containsExactly("Malformed@in.json:3 awslogs.data");
    assertThat(problem(0)).isEqualTo("decompresses to more than 4 MiB, the most one item may take; skipped");
    assertThat(allocated).as("bytes allocated opening it").isLessThan(32L << 20); // measured: 13 MB for a 256 MiB bomb
  }

  @Test
  void aPayloadJustUnderTheBoundIsReadAndOneJustOverIsNot() {
    Envelopes small = new Envelopes(4096);
    byte[] data = EnvelopeSamples.logData(EVENT).toString().getBytes(StandardCharsets.UTF_8);
    ObjectNode padded = EnvelopeSamples.logData(EVENT);
    padded.put("pad", "x".repeat(4096 - data.length - ",\"pad\":\"\"".length()));
    ObjectNode over = padded.deepCopy();
    over.put("pad", over.get("pad").asText() + "x");

    small.open(awsLogsOf(EnvelopeSamples.gzip(padded.toString().getBytes(StandardCharsets.UTF_8))), "in.json:3", contents::add);
    small.open(awsLogsOf(EnvelopeSamples.gzip(over.toString().getBytes(StandardCharsets.UTF_8))), "in.json:4", contents::add);

    assertThat(padded.toString()).hasSize(4096);
    assertThat(described()).containsExactly("Value@in.json:3 awslogs.data.logEvents[0].message", "Malformed@in.json:4 awslogs.data");
    assertThat(problem(1)).isEqualTo("decompresses to more than 4096 bytes, the most one item may take; skipped");
  }

  @Test
  void envelopesNestFourDeepAndNoDeeper() {
    String four = notification(notification(notification(EVENT).toString()).toString()).toString(); // 3 SNS
    open(sqs(four)); // + SQS = 4
    open(sqs(notification(four).toString())); // 5

    assertThat(described()).containsExactly("Value@in.json:3 Records[0].body.Message.Message.Message",
        "Malformed@in.json:3 Records[0].body.Message.Message.Message");
    assertThat(problem(1)).isEqualTo("envelopes nested more than 4 deep; not opened");
  }

  @Test
  void aMessageThatLooksLikeJsonButIsNotIsMalformedAndNamesItsRecord() {
    open(sqs(EVENT, "{\"detail-type\": oops", EVENT));

    assertThat(described()).containsExactly("Value@in.json:3 Records[0].body", "Malformed@in.json:3 Records[1].body",
        "Value@in.json:3 Records[2].body");
    assertThat(problem(1)).startsWith("malformed JSON: ");
    assertThat(contents.get(1).messageId()).isEqualTo("msg-1");
  }

  @Test
  void messagesThatAreNoNotificationAreSkippedWithTheReason() {
    ObjectNode confirmation = notification("You have chosen to subscribe to the topic").put("Type", "SubscriptionConfirmation");
    ObjectNode control = EnvelopeSamples.logData("CWL CONTROL MESSAGE: Checking health of destination Lambda.")
        .put("messageType", "CONTROL_MESSAGE");
    ObjectNode mixed = sns(EVENT);
    ((com.fasterxml.jackson.databind.node.ArrayNode) mixed.get("Records")).addObject().put("EventSource", "aws:s3");

    open(confirmation);
    open(awsLogsOf(EnvelopeSamples.gzip(control.toString().getBytes(StandardCharsets.UTF_8))));
    open(mixed);

    assertThat(described()).containsExactly("Skipped@in.json:3", "Skipped@in.json:3 awslogs.data",
        "Value@in.json:3 Records[0].Sns.Message", "Skipped@in.json:3 Records[1]");
    assertThat(problem(0)).isEqualTo("an SNS SubscriptionConfirmation message, not a notification");
    assertThat(problem(1)).isEqualTo("a CloudWatch Logs control message");
    assertThat(problem(3)).isEqualTo("a record from 'aws:s3', not an SNS or SQS message");
  }

  @Test
  void aRecordMissingItsMessageIsMalformed() {
    ObjectNode noBody = sqs(EVENT);
    ((ObjectNode) noBody.get("Records").get(0)).put("body", 42);
    ObjectNode noSns = sns(EVENT);
    ((ObjectNode) noSns.get("Records").get(0)).remove("Sns");

    open(noBody);
    open(noSns);

    assertThat(described()).containsExactly("Malformed@in.json:3 Records[0]", "Malformed@in.json:3 Records[0]");
    assertThat(problem(0)).isEqualTo("body: expected text");
    assertThat(problem(1)).isEqualTo("Sns: expected an object");
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
