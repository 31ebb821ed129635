package io.ecsgate.cli;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.report.FailureReport;
import io.ecsgate.classifier.report.ServiceResult;
import io.ecsgate.diagnosis.AwsSettings;
import io.ecsgate.diagnosis.SdkErrors;
import io.ecsgate.gate.Watched;
import io.ecsgate.slack.SlackAlert;
import io.ecsgate.slack.SlackResult;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The gate's side of the shared incident ({@code --state-table}): it records the deployments it
 * gates in the detector's DynamoDB table, so that the detector adds that deployment's failures to
 * the gate's Slack message instead of opening its own. One item per deployment, in the layout the
 * detector's {@code DynamoDbState} reads: {@code pk = gated#CLUSTER#service:SERVICE},
 * {@code sk = DEPLOYMENT_ID}, {@code ttl} in epoch seconds like every item of that table.
 *
 * <ol>
 *   <li>{@link #claim} when the gate knows its deployment, before any of its tasks can have failed:
 *       the job, who triggered it, and {@code claimUntil} when the gate will post with a bot token
 *       (the detector holds its additions until then).
 *   <li>{@link #finish} after the Slack message: its {@code channel} and {@code ts}; or, when the
 *       gate sent none (it passed, or Slack failed), the claim is given up.
 * </ol>
 *
 * Every write is an UpdateItem that can be repeated (a retried request or a rerun job writes the
 * same). A DynamoDB fault is one warning on stderr, once: it never changes the verdict, the exit
 * code or the Slack message.
 */
final class StateTableRecords {
  /** How long a record outlives the gate, like the detector's incidents. */
  static final Duration RETENTION = Duration.ofDays(7);
  /** A claim lasts past the gate's deadline by this, so a gate reporting late still owns its message. */
  static final Duration CLAIM_MARGIN = Duration.ofMinutes(5);
  /** One write never holds the gate up for long; the SDK retries within it. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final String table;
  private final Supplier<DynamoDbClient> client;
  private final Map<String, String> env;
  private final PrintWriter err;
  private final Clock clock;
  private final Instant claimUntil;
  private final boolean claims;
  private final Map<String, SlackResult> posted = new ConcurrentHashMap<>();
  private boolean warned;
  private DynamoDbClient made;

  /**
   * @param client made at the first write: a gate without --state-table never builds it
   * @param claims whether the gate will post its message with a bot token, so the detector should wait for it
   * @param deadline when the gate gives up (its --timeout)
   */
  StateTableRecords(String table, Supplier<DynamoDbClient> client, Map<String, String> env, PrintWriter err, Clock clock,
      boolean claims, Instant deadline) {
    this.table = table;
    this.client = client;
    this.env = env;
    this.err = err;
    this.clock = clock;
    this.claims = claims;
    this.claimUntil = deadline.plus(GateOptions.REPORT_MARGIN).plus(CLAIM_MARGIN);
  }

  /** The table's client, as the SDK would make it, aimed at {@code AWS_ENDPOINT_URL_DYNAMODB} when set. */
  static Supplier<DynamoDbClient> client(AwsSettings aws, Map<String, String> env) {
    return () -> {
      DynamoDbClientBuilder b = DynamoDbClient.builder()
          .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
              .socketTimeout(CALL_TIMEOUT).build())
          .overrideConfiguration(c -> c.apiCallTimeout(CALL_TIMEOUT));
      if (aws.region() != null) {
        b.region(Region.of(aws.region()));
      }
      if (aws.credentials() != null) {
        b.credentialsProvider(aws.credentials());
      } else if (aws.profile() != null) {
        b.credentialsProvider(ProfileCredentialsProvider.create(aws.profile()));
      }
      String endpoint = env.get("AWS_ENDPOINT_URL_DYNAMODB");
      if (endpoint != null && !endpoint.isBlank()) {
        b.endpointOverride(URI.create(endpoint.strip()));
      }
      return b.build();
    };
  }

  /** The gate follows this deployment: record it, and claim its incident when the gate will post. */
  void claim(Watched w) {
    Instant now = clock.instant();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder set = new StringBuilder("SET gatedAt = if_not_exists(gatedAt, :now), #ttl = :ttl");
    values.put(":now", n(now.toEpochMilli()));
    values.put(":ttl", n(claimUntil.plus(RETENTION).getEpochSecond()));
    put(set, values, "jobUrl", env.get("CI_JOB_URL"));
    put(set, values, "triggeredBy", triggeredBy());
    if (claims) {
      set.append(", claimUntil = :claimUntil");
      values.put(":claimUntil", n(claimUntil.toEpochMilli()));
    }
    // A rerun of the same deployment's job finds it posted: the detector keeps the thread it has.
    write(w.cluster(), w.service(), w.deploymentId(), b -> b.updateExpression(set.toString())
        .conditionExpression("attribute_not_exists(ts)")
        .expressionAttributeNames(Map.of("#ttl", "ttl"))
        .expressionAttributeValues(values));
  }

  /** What Slack said of the message for a service: remembered until {@link #finish}. */
  void sent(SlackAlert alert, SlackResult result) {
    if (result.status() == SlackResult.Status.SENT && result.ts() != null && alert.service() != null) {
      posted.put(alert.service(), result);
    }
  }

  /** After the Slack messages: each gated deployment's message, or its claim given up when it has none. */
  void finish(FailureReport report, String channel) {
    for (ServiceResult s : report.services()) {
      if (s.deploymentId() == null) {
        continue; // not gated: there is no deployment to record
      }
      SlackResult message = posted.get(s.service());
      if (message != null && channel != null) {
        write(s.cluster(), s.service(), s.deploymentId(), b -> b
            .updateExpression("SET channel = :channel, ts = :ts, gatedAt = if_not_exists(gatedAt, :now), #ttl = :ttl"
                + " REMOVE claimUntil")
            .expressionAttributeNames(Map.of("#ttl", "ttl"))
            .expressionAttributeValues(Map.of(":channel", s(channel), ":ts", s(message.ts()),
                ":now", n(clock.instant().toEpochMilli()), ":ttl", n(claimUntil.plus(RETENTION).getEpochSecond()))));
      } else {
        write(s.cluster(), s.service(), s.deploymentId(), b -> b.updateExpression("REMOVE claimUntil")
            .conditionExpression("attribute_exists(pk)"));
      }
    }
  }

  private void write(String cluster, String service, String deploymentId, Consumer<UpdateItemRequest.Builder> update) {
    Map<String, AttributeValue> key = Map.of(
        "pk", s("gated#" + Arns.clusterName(cluster) + "#service:" + service), "sk", s(deploymentId));
    try {
      DynamoDbClient c = client();
      c.updateItem(b -> update.accept(b.tableName(table).key(key)));
    } catch (ConditionalCheckFailedException e) {
      // Written before as it should stay: nothing to do.
    } catch (SdkException e) {
      warn(SdkErrors.oneLine(e));
    } catch (RuntimeException e) {
      warn(e.getClass().getSimpleName() + ": " + SafeText.oneLine(e.getMessage(), 200));
    }
  }

  private synchronized DynamoDbClient client() {
    if (made == null) {
      made = client.get();
    }
    return made;
  }

  private synchronized void warn(String why) {
    if (!warned) {
      warned = true;
      err.println("ecs-gate: warning: failed to record the deployment in the state table " + SafeText.oneLine(table, 255)
          + ": " + why + "; the detector may post its own message, the verdict and exit code are unchanged");
      err.flush();
    }
  }

  /** GitLab's login of who started the pipeline, else their name. */
  private String triggeredBy() {
    String login = env.get("GITLAB_USER_LOGIN");
    return login != null && !login.isBlank() ? login : env.get("GITLAB_USER_NAME");
  }

  private static void put(StringBuilder set, Map<String, AttributeValue> values, String name, String value) {
    if (value != null && !value.isBlank()) {
      set.append(", ").append(name).append(" = :").append(name);
      values.put(":" + name, s(value));
    }
  }

  synchronized void close() {
    if (made != null) {
      made.close();
    }
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
