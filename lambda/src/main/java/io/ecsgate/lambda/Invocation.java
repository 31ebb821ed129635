package io.ecsgate.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsgate.classifier.MalformedSignalException;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.input.Envelopes;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One invocation's payload: the EventBridge event a rule sends, or the envelope events come in when
 * the function is subscribed to an SNS topic, an SQS queue or a CloudWatch Logs subscription (opened
 * by the classifier's {@link Envelopes}, as {@code classify} opens them). Each event inside is
 * handled as an EventBridge event; a redelivered one counts once, as a bare one does (its EventBridge
 * id is inside). What cannot be retried into success (a malformed event, a message that is no ECS
 * event) is logged and dropped. What can (Slack or DynamoDB failed):
 *
 * <ul>
 *   <li>SQS invokes synchronously and retries what the answer names: the answer is a partial batch
 *       response, {@code {"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}}, naming only the
 *       records whose handling failed, so only those come back
 *       (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html; the event source
 *       mapping needs {@code FunctionResponseTypes: [ReportBatchItemFailures]});
 *   <li>SNS, CloudWatch Logs and EventBridge invoke asynchronously and retry the whole invocation:
 *       every event is handled, then the first failure is thrown. Events already handled count once
 *       on the retry.
 * </ul>
 */
final class Invocation {
  /** The SQS answer: the records to retry. */
  record BatchResponse(List<Map<String, String>> batchItemFailures) {}

  /** The answer for the other envelopes: what each event did, and what was dropped or skipped. */
  record EnvelopeResult(List<Detector.Result> results, List<String> dropped, List<String> skipped) {}

  private final Envelopes envelopes = new Envelopes();
  private final Detector detector;
  private final PrintStream log;

  Invocation(Detector detector, PrintStream log) {
    this.detector = detector;
    this.log = log;
  }

  /** @return the answer to write back: a {@link Detector.Result}, a {@link BatchResponse} or an {@link EnvelopeResult} */
  Object handle(JsonNode payload) {
    Envelopes.Kind kind = Envelopes.kindOf(payload);
    if (kind == Envelopes.Kind.NONE) {
      try {
        return detector.handle(payload);
      } catch (MalformedSignalException e) {
        log.println("dropped a malformed event " + SafeText.oneLine(payload.path("id").asText("(no id)"), 80) + ": "
            + e.getMessage());
        return Map.of("dropped", e.getMessage());
      }
    }
    List<Detector.Result> results = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Set<String> retry = new LinkedHashSet<>();
    RuntimeException[] firstFailure = new RuntimeException[1];
    envelopes.open(payload, "payload", content -> {
      if (content instanceof Envelopes.Content.Skipped s) {
        skipped.add(s.location() + ": " + s.why());
        log.println(SafeText.oneLine("skipped " + s.location() + ": " + s.why()));
      } else if (content instanceof Envelopes.Content.Malformed m) {
        drop(dropped, m.location(), m.problem());
      } else if (content instanceof Envelopes.Content.Value v) {
        try {
          results.add(detector.handle(v.value()));
        } catch (MalformedSignalException e) {
          drop(dropped, v.location(), e.getMessage());
        } catch (RuntimeException e) {
          if (kind == Envelopes.Kind.SQS && v.messageId() != null) {
            log.println(SafeText.oneLine("failed " + v.location() + " (message " + v.messageId() + "), returned for a retry: "
                + e.getMessage()));
            retry.add(v.messageId());
          } else if (firstFailure[0] == null) {
            firstFailure[0] = e;
          }
        }
      }
    });
    if (firstFailure[0] != null) {
      throw firstFailure[0];
    }
    if (kind == Envelopes.Kind.SQS) {
      return new BatchResponse(retry.stream().map(id -> Map.of("itemIdentifier", id)).toList());
    }
    return new EnvelopeResult(results, dropped, skipped);
  }

  private void drop(List<String> dropped, String location, String problem) {
    dropped.add(location + ": " + problem);
    log.println(SafeText.oneLine("dropped a malformed event at " + location + ": " + problem));
  }
}
