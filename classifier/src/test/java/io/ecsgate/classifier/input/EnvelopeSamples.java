package io.ecsgate.classifier.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the envelopes ECS events travel in, with the fields of the AWS pages that show them (see
 * {@link Envelopes}; the corpus's {@code envelope-*} cases hold the pages' samples verbatim). For
 * tests of every consumer: the classifier's, {@code classify}'s and the Lambda's.
 */
public final class EnvelopeSamples {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EnvelopeSamples() {}

  /** A Lambda SNS event, one record per message (SNS sends one; several test the order). */
  public static ObjectNode sns(String... messages) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (int i = 0; i < messages.length; i++) {
      ObjectNode record = records.addObject()
          .put("EventVersion", "1.0")
          .put("EventSubscriptionArn", "arn:aws:sns:us-east-2:123456789012:ecs-events:21be56ed-a058-49f5-8c98-aedd2564c48" + i)
          .put("EventSource", "aws:sns");
      record.set("Sns", notification(messages[i], "95df01b4-ee98-5cb9-9903-4c221d41eb5" + i));
    }
    return event;
  }

  /** A Lambda SQS event: record {@code i} has messageId {@code msg-i} and the body given. */
  public static ObjectNode sqs(String... bodies) {
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (int i = 0; i < bodies.length; i++) {
      ObjectNode record = records.addObject()
          .put("messageId", "msg-" + i)
          .put("receiptHandle", "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...")
          .put("body", bodies[i]);
      record.putObject("attributes").put("ApproximateReceiveCount", "1").put("SentTimestamp", "1545082649183");
      record.putObject("messageAttributes");
      record.put("eventSource", "aws:sqs")
          .put("eventSourceARN", "arn:aws:sqs:us-east-2:123456789012:ecs-events")
          .put("awsRegion", "us-east-2");
    }
    return event;
  }

  /** An SNS notification as SNS writes it into an SQS body without raw message delivery. */
  public static ObjectNode notification(String message) {
    return notification(message, "dc1e94d9-56c5-5e96-808d-cc7f68faa162");
  }

  private static ObjectNode notification(String message, String messageId) {
    return JSON.createObjectNode()
        .put("Type", "Notification")
        .put("MessageId", messageId)
        .put("TopicArn", "arn:aws:sns:us-east-2:123456789012:ecs-events")
        .put("Message", message)
        .put("Timestamp", "2019-01-02T12:45:07.000Z")
        .put("SignatureVersion", "1")
        .put("Signature", "EXAMPLE")
        .put("SigningCertURL", "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-EXAMPLE.pem")
        .put("UnsubscribeURL", "https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=EXAMPLE");
  }

  /** The decoded document of a CloudWatch Logs subscription, one log event per message. */
  public static ObjectNode logData(String... messages) {
    ObjectNode data = JSON.createObjectNode()
        .put("messageType", "DATA_MESSAGE")
        .put("owner", "123456789012")
        .put("logGroup", "/aws/events/ecs")
        .put("logStream", "a4fa57d9-a95b-513e-b7bf-f3067e995756");
    data.putArray("subscriptionFilters").add("ecs-events-to-lambda");
    ArrayNode events = data.putArray("logEvents");
    for (int i = 0; i < messages.length; i++) {
      events.addObject().put("id", "3462231609969788470654097606882285901266122014164389254" + i)
          .put("timestamp", 1552518348220L).put("message", messages[i]);
    }
    return data;
  }

  /** A CloudWatch Logs subscription payload as a Lambda receives it. */
  public static ObjectNode awsLogs(String... messages) {
    return awsLogsOf(gzip(logData(messages).toString().getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code {"awslogs":{"data":<base64 of these bytes>}}}. */
  public static ObjectNode awsLogsOf(byte[] compressed) {
    ObjectNode event = JSON.createObjectNode();
    event.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(compressed));
    return event;
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Gzip of {@code size} zero bytes: a few KB that decompress to {@code size}. */
  public static byte[] gzipBomb(long size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 16];
      for (long left = size; left > 0; left -= zeros.length) {
        gz.write(zeros, 0, (int) Math.min(zeros.length, left));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
