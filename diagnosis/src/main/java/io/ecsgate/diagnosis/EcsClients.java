package io.ecsgate.diagnosis;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Builds the SDK clients the gate uses. One URLConnection HTTP client (no Apache, no Netty) keeps
 * the jar lean and start-up fast; the SDK's standard retry mode retries throttling and 5xx with
 * backoff before the gate's own poll loop ever sees an error.
 */
public final class EcsClients implements AutoCloseable {
  private final SdkHttpClient http;
  private final EcsClient ecs;
  private final CloudWatchLogsClient logs;
  private final String region;

  private EcsClients(AwsSettings settings) {
    this.http = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30))
        .build();
    this.ecs = configure(EcsClient.builder(), settings).httpClient(http).build();
    this.logs = configure(CloudWatchLogsClient.builder(), settings).httpClient(http).build();
    this.region = ecs.serviceClientConfiguration().region().id();
  }

  public static EcsClients from(AwsSettings settings) {
    return new EcsClients(settings);
  }

  public EcsClient ecs() {
    return ecs;
  }

  public CloudWatchLogsClient logs() {
    return logs;
  }

  /** The region the clients call, for console links. */
  public String region() {
    return region;
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsSettings s) {
    if (s.region() != null) {
      builder.region(Region.of(s.region()));
    }
    if (s.credentials() != null) {
      builder.credentialsProvider(s.credentials());
    } else if (s.profile() != null) {
      builder.credentialsProvider(ProfileCredentialsProvider.create(s.profile()));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    if (s.endpoint() != null) {
      builder.endpointOverride(s.endpoint());
    }
    builder.overrideConfiguration(ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .apiCallTimeout(Duration.ofSeconds(60))
        .build());
    return builder;
  }

  @Override
  public void close() {
    ecs.close();
    logs.close();
    http.close();
  }
}
