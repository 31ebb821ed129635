package io.ecsgate.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.diagnosis.TlsWarmUp;
import io.ecsgate.slack.SlackNotifier;
import io.ecsgate.slack.SlackSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The function's entry point ({@code io.ecsgate.lambda.EcsEventHandler::handleRequest}): an
 * EventBridge event in, its {@link Detector.Result} out; or the SNS, SQS or CloudWatch Logs envelope
 * events come in when the function is subscribed to a topic or a queue, each event inside handled
 * alike, and for SQS a partial batch response out ({@link Invocation}). Settings are read and
 * checked once per container, clients and the Slack secret on first use (so a SnapStart snapshot
 * holds neither a connection nor a token). A Slack failure fails the invocation, so the event is retried and
 * finally dead-lettered; a malformed event is logged and dropped, since a retry cannot fix it.
 */
public final class EcsEventHandler implements RequestStreamHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Invocation invocation;

  public EcsEventHandler() {
    this(System.getenv());
  }

  EcsEventHandler(Map<String, String> env) {
    // Every invocation's first AWS call (DynamoDB, then ECS and Secrets Manager) needs TLS.
    TlsWarmUp.start();
    LambdaSettings settings = LambdaSettings.fromEnvironment(env);
    if (settings.stateTable() == null) {
      throw new LambdaSettings.InvalidSetting("STATE_TABLE", "not set: the function keeps its state in DynamoDB");
    }
    String region = env.getOrDefault("AWS_REGION", "us-east-1");
    AwsClients aws = new AwsClients(region);
    Lazy<SlackNotifier> notifier = new Lazy<>(() -> new SlackNotifier(settings.slackSecretArn() == null
        ? SlackSettings.fromEnvironment(env)
        : SlackSecret.settings(aws.secrets(), settings.slackSecretArn(), env)));
    if (!"snap-start".equals(env.get("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
      // An on-demand cold start: the event is waiting, so the clients it will need are built beside
      // the reading of the rules and the event. (A SnapStart snapshot is made before any event and
      // keeps neither: they are built at the first use after its restore.) The Slack token comes
      // from Secrets Manager only when a message is due.
      HeadStart.begin("aws", () -> aws.buildAhead(true));
      if (settings.slackSecretArn() == null) {
        HeadStart.begin("slack", () -> notifier.get().prepare());
      }
    }
    try {
      Detector detector = new Wiring(settings, new DynamoDbState(aws::dynamo, settings.stateTable()), aws, notifier,
          Clock.systemUTC(), System.out, r -> System.out.println("slack: " + r.status() + " " + r.detail()),
          Duration.ofSeconds(1)).detector();
      invocation = new Invocation(detector, System.out);
    } catch (RulesFileException e) {
      throw new LambdaSettings.InvalidSetting("RULES_FILE", e.getMessage());
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JSON.writeValue(output, invocation.handle(JSON.readTree(input)));
  }
}
