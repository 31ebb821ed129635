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
 */
final class AwsClients implements AutoCloseable {
  private final String region;
  private final URI ecsEndpoint;
  private EcsClients ecs;
  private DynamoDbClient dynamo;
  private SecretsManagerClient secrets;

  AwsClients(String region) {
    this(region, null);
  }

  /** @param ecsEndpoint where ECS and Logs calls go instead of AWS (the simulator in tests), or null */
  AwsClients(String region, URI ecsEndpoint) {
    this.region = region;
    this.ecsEndpoint = ecsEndpoint;
  }

  String region() {
    return region;
  }

  synchronized EcsClients ecs() {
    if (ecs == null) {
      ecs = EcsClients.from(new AwsSettings(region, null, ecsEndpoint));
    }
    return ecs;
  }

  synchronized DynamoDbClient dynamo() {
    if (dynamo == null) {
      dynamo = DynamoDbClient.builder().region(Region.of(region))
          .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).build())
          .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
              .apiCallTimeout(Duration.ofSeconds(10)).build())
          .build();
    }
    return dynamo;
  }

  synchronized SecretsManagerClient secrets() {
    if (secrets == null) {
      secrets = SecretsManagerClient.builder().region(Region.of(region))
          .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).build())
          .build();
    }
    return secrets;
  }

  @Override
  public synchronized void close() {
    if (ecs != null) {
      ecs.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
    if (secrets != null) {
      secrets.close();
    }
  }
}
