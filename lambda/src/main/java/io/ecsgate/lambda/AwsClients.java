package io.ecsgate.lambda;

import io.ecsgate.diagnosis.AwsSettings;
import io.ecsgate.diagnosis.EcsClients;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The AWS clients, each made on first use: a stopped-task event that needs no diagnosis and no
 * tag never builds an ECS client, and a cold start pays only for what the event needs. The
 * region and credentials come from the function's environment (the SDK's default chain);
 * {@code AWS_ENDPOINT_URL} points every client at a local emulator in tests.
 * Each is made once, by whichever thread asks first ({@link Lazy}).
 */
final class AwsClients implements AutoCloseable {
  private final String region;
  private final Lazy<EcsClients> ecs;
  private final Lazy<DynamoDbClient> dynamo;
  private final Lazy<SecretsManagerClient> secrets;

  AwsClients(String region) {
    this(region, null);
  }

  /** @param ecsEndpoint where ECS and Logs calls go instead of AWS (the simulator in tests), or null */
  AwsClients(String region, URI ecsEndpoint) {
    this.region = region;
    this.ecs = new Lazy<>(() -> EcsClients.from(new AwsSettings(region, null, ecsEndpoint)));
    this.dynamo = new Lazy<>(() -> DynamoDbClient.builder().region(Region.of(region))
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).build())
        .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
            .apiCallTimeout(Duration.ofSeconds(10)).build())
        .build());
    this.secrets = new Lazy<>(() -> SecretsManagerClient.builder().region(Region.of(region))
        .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).build())
        .build());
  }

  String region() {
    return region;
  }

  EcsClients ecs() {
    return ecs.get();
  }

  DynamoDbClient dynamo() {
    return dynamo.get();
  }

  SecretsManagerClient secrets() {
    return secrets.get();
  }

  /**
   * Builds the ECS client, and the DynamoDB one when the state is there, ahead of their first use
   * (for {@link HeadStart}): building one loads most of the SDK. Never throws: a client that cannot
   * be built fails again, and is reported, where it is used.
   */
  void buildAhead(boolean withState) {
    try {
      ecs.get();
      if (withState) {
        dynamo.get();
      }
    } catch (RuntimeException e) {
      // Thrown again at the first use, where it is reported.
    }
  }

  @Override
  public void close() {
    ecs.ifMade(EcsClients::close);
    dynamo.ifMade(DynamoDbClient::close);
    secrets.ifMade(SecretsManagerClient::close);
  }
}
