package io.ecsgate.classifier.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.internal.Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Opens the envelopes ECS events travel in on their way to a consumer, so that every event inside
 * is read exactly as if it had come bare. The one place that knows them; {@code ecs-gate classify}
 * and the Lambda both open envelopes here:
 *
 * <ul>
 *   <li><b>SNS as a Lambda receives it</b>: {@code {"Records":[{"EventSource":"aws:sns","Sns":
 *       {"Type":"Notification","Message":"<event JSON>",...}}]}}
 *       (https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html);
 *   <li><b>SQS as a Lambda receives it</b>: {@code {"Records":[{"eventSource":"aws:sqs","messageId":
 *       ...,"body":"<event JSON>"}]}} (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html),
 *       where the body of a queue subscribed to an SNS topic without raw message delivery is itself
 *       an SNS notification (https://docs.aws.amazon.com/sns/latest/dg/sns-large-payload-raw-message-delivery.html);
 *   <li><b>a bare SNS notification</b> ({@code {"Type":"Notification","TopicArn":...,"Message":...}}),
 *       as such a body is stored or an HTTP subscriber receives it;
 *   <li><b>a CloudWatch Logs subscription payload</b>: {@code {"awslogs":{"data":"<base64 gzip>"}}}
 *       whose decoded document's {@code logEvents[].message} each hold an event (an EventBridge rule
 *       writing to a log group with a subscription filter;
 *       https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html), or that decoded
 *       document itself.
 * </ul>
 *
 * A value with a {@code detail-type} is an EventBridge event and never an envelope, whatever else it
 * holds (so the fast path, which reads such lines, agrees); any other value that is not an envelope
 * passes through unchanged. Each value found inside is handed on with the path that led to it
 * ({@code FILE:LINE Records[1].body.Message}); a message that is not JSON at all is skipped, as a
 * value that is not ECS is (a topic may carry other text); one that looks like JSON but is not is
 * malformed. Memory stays bounded: a compressed payload may decompress to at most the item bound
 * ({@link JsonValueReader#MAX_ITEM_BYTES}), so a gzip bomb is one malformed item, and envelopes
 * nest at most {@link #MAX_DEPTH} deep.
 */
public final class Envelopes {
  /**
   * How many envelopes may nest: SNS in SQS is two; a Lambda's SNS event stored as a log line and
   * sent on by a subscription is three. Deeper is not a route events take.
   */
  public static final int MAX_DEPTH = 4;

  /** The outermost envelope a value came in; {@link #NONE} for a value that is not one. */
  public enum Kind { NONE, SNS, SQS, SNS_NOTIFICATION, CLOUDWATCH_LOGS }

  /** What an envelope held, in order: a value to read as if it came bare, or why there is none. */
  public sealed interface Content {
    /** {@code FILE:LINE} plus the path inside the envelope. */
    String location();

    /** The SQS {@code messageId} of the record it came in (what a partial batch response names), or null. */
    String messageId();

    record Value(String location, String messageId, JsonNode value) implements Content {}

    record Skipped(String location, String messageId, String why) implements Content {}

    record Malformed(String location, String messageId, String problem) implements Content {}
  }

  private final ObjectMapper mapper;
  private final int maxDecodedBytes;

  public Envelopes() {
    this(JsonValueReader.MAX_ITEM_BYTES);
  }

  /** With another bound on a decompressed payload, for tests. */
  Envelopes(int maxDecodedBytes) {
    this.maxDecodedBytes = maxDecodedBytes;
    this.mapper = new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(JsonValueReader.MAX_ITEM_BYTES).build())
        .build());
  }

  /** The kind of envelope {@code value} is, without opening it. */
  public static Kind kindOf(JsonNode value) {
    if (value == null || !value.isObject() || value.has("detail-type")) {
      return Kind.NONE;
    }
    String source = firstSource(value);
    if (source != null) {
      return source.equals("aws:sqs") ? Kind.SQS : Kind.SNS;
    }
    if (isSnsMessage(value)) {
      return Kind.SNS_NOTIFICATION;
    }
    if (isAwsLogs(value) || isLogData(value)) {
      return Kind.CLOUDWATCH_LOGS;
    }
    return Kind.NONE;
  }

  /**
   * Hands {@code sink} what {@code value} holds: itself when it is no envelope, else every value
   * inside, opened as deep as envelopes nest, in order.
   *
   * @return the outermost envelope's kind
   */
  public Kind open(JsonNode value, String location, Consumer<Content> sink) {
    Kind kind = kindOf(value);
    open(value, location, "", null, 0, sink);
    return kind;
  }

  private void open(JsonNode value, String location, String path, String messageId, int depth, Consumer<Content> sink) {
    Kind kind = kindOf(value);
    if (kind == Kind.NONE) {
      sink.accept(new Content.Value(at(location, path), messageId, value));
      return;
    }
    if (depth == MAX_DEPTH) {
      sink.accept(new Content.Malformed(at(location, path), messageId,
          "envelopes nested more than " + MAX_DEPTH + " deep; not opened"));
      return;
    }
    if (isLambdaBatch(value)) {
      records(value.get("Records"), location, path, depth, sink);
    } else if (isSnsMessage(value)) {
      snsMessage(value, location, path, messageId, depth, sink);
    } else if (isAwsLogs(value)) {
      awsLogs(value.get("awslogs").get("data").asText(), location, join(path, "awslogs.data"), messageId, depth, sink);
    } else {
      logData(value, location, path, messageId, depth, sink);
    }
  }

  private void records(JsonNode records, String location, String path, int depth, Consumer<Content> sink) {
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      String rPath = join(path, "Records[" + i + "]");
      if ("aws:sns".equals(record.path("EventSource").asText(null))) {
        JsonNode sns = record.get("Sns");
        if (sns == null || !sns.isObject()) {
          sink.accept(new Content.Malformed(at(location, rPath), null, "Sns: expected an object"));
        } else {
          snsMessage(sns, location, rPath + ".Sns", null, depth, sink);
        }
      } else if ("aws:sqs".equals(record.path("eventSource").asText(null))) {
        String messageId = record.path("messageId").isTextual() ? record.get("messageId").asText() : null;
        JsonNode body = record.get("body");
        if (body == null || !body.isTextual()) {
          sink.accept(new Content.Malformed(at(location, rPath), messageId, "body: expected text"));
        } else {
          text(body.asText(), location, rPath + ".body", messageId, depth, sink);
        }
      } else {
        String source = record.path("eventSource").asText(record.path("EventSource").asText(""));
        sink.accept(new Content.Skipped(at(location, rPath), null,
            "a record from '" + Text.oneLine(source, 60) + "', not an SNS or SQS message"));
      }
    }
  }

  private void snsMessage(JsonNode sns, String location, String path, String messageId, int depth,
      Consumer<Content> sink) {
    String type = sns.path("Type").asText("");
    if (!type.equals("Notification")) {
      sink.accept(new Content.Skipped(at(location, path), messageId,
          "an SNS " + Text.oneLine(type, 40) + " message, not a notification"));
      return;
    }
    JsonNode message = sns.get("Message");
    if (message == null || !message.isTextual()) {
      sink.accept(new Content.Malformed(at(location, path), messageId, "Message: expected text"));
      return;
    }
    text(message.asText(), location, join(path, "Message"), messageId, depth, sink);
  }

  private void awsLogs(String data, String location, String path, String messageId, int depth, Consumer<Content> sink) {
    byte[] compressed;
    try {
      compressed = Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      sink.accept(new Content.Malformed(at(location, path), messageId, "not base64: " + Text.oneLine(e.getMessage(), 120)));
      return;
    }
    byte[] json;
    try {
      json = gunzip(compressed);
    } catch (IOException e) {
      sink.accept(new Content.Malformed(at(location, path), messageId, "not gzip: " + Text.oneLine(e.getMessage(), 120)));
      return;
    }
    if (json == null) {
      sink.accept(new Content.Malformed(at(location, path), messageId, "decompresses to more than "
          + JsonValueReader.mebibytes(maxDecodedBytes) + ", the most one item may take; skipped"));
      return;
    }
    JsonNode decoded;
    try {
      decoded = mapper.readTree(json);
    } catch (IOException e) {
      sink.accept(new Content.Malformed(at(location, path), messageId, "malformed JSON: " + JsonValueReader.problem(e)));
      return;
    }
    if (decoded == null || !isLogData(decoded)) {
      sink.accept(new Content.Malformed(at(location, path), messageId,
          "not a CloudWatch Logs subscription payload (no messageType and logEvents)"));
      return;
    }
    logData(decoded, location, path, messageId, depth, sink);
  }

  private void logData(JsonNode data, String location, String path, String messageId, int depth,
      Consumer<Content> sink) {
    if ("CONTROL_MESSAGE".equals(data.get("messageType").asText())) {
      // CloudWatch Logs checks with it that the destination is reachable.
      sink.accept(new Content.Skipped(at(location, path), messageId, "a CloudWatch Logs control message"));
      return;
    }
    JsonNode events = data.get("logEvents");
    for (int i = 0; i < events.size(); i++) {
      String ePath = join(path, "logEvents[" + i + "].message");
      JsonNode message = events.get(i).path("message");
      if (!message.isTextual()) {
        sink.accept(new Content.Malformed(at(location, ePath), messageId, "expected text"));
      } else {
        text(message.asText(), location, ePath, messageId, depth, sink);
      }
    }
  }

  /** A message carried as text: JSON opened one level deeper; other text is no ECS event. */
  private void text(String text, String location, String path, String messageId, int depth, Consumer<Content> sink) {
    String start = text.stripLeading();
    if (!start.startsWith("{") && !start.startsWith("[")) {
      sink.accept(new Content.Skipped(at(location, path), messageId, "not JSON, so not an ECS event"));
      return;
    }
    JsonNode value;
    try {
      value = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      sink.accept(new Content.Malformed(at(location, path), messageId, "malformed JSON: " + JsonValueReader.problem(e)));
      return;
    }
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        open(value.get(i), location, path + "[" + i + "]", messageId, depth + 1, sink);
      }
      return;
    }
    open(value, location, path, messageId, depth + 1, sink);
  }

  /** The decompressed bytes, or null when there are more than the bound (read no further than that). */
  private byte[] gunzip(byte[] compressed) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      byte[] out = new byte[Math.min(maxDecodedBytes + 1, Math.max(8192, compressed.length * 4))];
      int n = 0;
      while (true) {
        if (n == out.length) {
          if (n > maxDecodedBytes) {
            return null;
          }
          out = Arrays.copyOf(out, (int) Math.min((long) maxDecodedBytes + 1, 2L * out.length));
        }
        int read = in.read(out, n, out.length - n);
        if (read < 0) {
          return n > maxDecodedBytes ? null : Arrays.copyOf(out, n);
        }
        n += read;
      }
    }
  }

  /** A Lambda event of SNS or SQS records ({@code Records} of other services pass through: no ECS event comes in them). */
  private static boolean isLambdaBatch(JsonNode v) {
    return firstSource(v) != null;
  }

  /** {@code aws:sns} or {@code aws:sqs}, whichever the first such record of a Lambda event names, or null. */
  private static String firstSource(JsonNode v) {
    JsonNode records = v.get("Records");
    if (records == null || !records.isArray()) {
      return null;
    }
    for (JsonNode r : records) {
      if (!r.isObject()) {
        return null;
      }
    }
    for (JsonNode r : records) {
      if ("aws:sns".equals(r.path("EventSource").asText(null))) {
        return "aws:sns";
      }
      if ("aws:sqs".equals(r.path("eventSource").asText(null))) {
        return "aws:sqs";
      }
    }
    return null;
  }

  private static boolean isSnsMessage(JsonNode v) {
    return v.path("Type").isTextual() && v.path("TopicArn").isTextual() && v.has("Message");
  }

  private static boolean isAwsLogs(JsonNode v) {
    return v.path("awslogs").path("data").isTextual();
  }

  private static boolean isLogData(JsonNode v) {
    return v.path("messageType").isTextual() && v.path("logEvents").isArray();
  }

  private static String join(String path, String step) {
    return path.isEmpty() ? step : path + "." + step;
  }

  /** {@code FILE:LINE}, and the path inside the value when there is one: every reader's location. */
  static String at(String location, String path) {
    return path.isEmpty() ? location : location + " " + path;
  }
}
