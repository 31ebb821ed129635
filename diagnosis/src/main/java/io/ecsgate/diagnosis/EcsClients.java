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
  private final AwsSettings settings;
  private final CallDeadline deadline;
  /** Made at the first log read: a gate that passes never needs it, and it is 180 classes to load. */
  private CloudWatchLogsClient logs;
  private final String region;

  private EcsClients(AwsSettings settings, CallDeadline deadline) {
    this.http = UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .socketTimeout(Duration.ofSeconds(30))
        .build();
    this.ecs = configure(EcsClient.builder(), settings, deadline).httpClient(http).build();
    this.settings = settings;
    this.deadline = deadline;
    this.region = ecs.serviceClientConfiguration().region().id();
  }

  /** Clients whose calls each take at most {@link CallDeadline#MAX_CALL}. */
  public static EcsClients from(AwsSettings settings) {
    return new EcsClients(settings, CallDeadline.none());
  }

  /** Clients whose calls all end by the deadline (the gate's --timeout). */
  public static EcsClients from(AwsSettings settings, CallDeadline deadline) {
    return new EcsClients(settings, deadline);
  }

  public EcsClient ecs() {
    return ecs;
  }

  public synchronized CloudWatchLogsClient logs() {
    if (logs == null) {
      logs = configure(CloudWatchLogsClient.builder(), settings, deadline).httpClient(http).build();
    }
    return logs;
  }

  /** The region the clients call, for console links. */
  public String region() {
    return region;
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsSettings s, CallDeadline deadline) {
    if (s.region() != null) {
      builder.region(Region.of(s.region()));
    }
    if (s.credentials() != null) {
      builder.credentialsProvider(s.credentials());
    } else if (s.profile() != null) {
      builder.credentialsProvider(new FailFastCredentials(ProfileCredentialsProvider.create(s.profile()), s.profile()));
    } else {
      builder.credentialsProvider(new FailFastCredentials(DefaultCredentialsProvider.builder().build(), null));
    }
    if (s.endpoint() != null) {
      builder.endpointOverride(s.endpoint());
    }
    builder.overrideConfiguration(ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .apiCallTimeout(CallDeadline.MAX_CALL)
        .addExecutionInterceptor(deadline)
        .build());
    return builder;
  }

  @Override
  public void close() {
    ecs.close();
    synchronized (this) {
      if (logs != null) {
        logs.close();
      }
    }
    http.close();
  }
}
