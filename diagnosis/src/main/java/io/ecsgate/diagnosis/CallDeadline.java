package io.ecsgate.diagnosis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The end of the whole run (--timeout), applied to every AWS call: each call may take at most what
 * is left (and never more than {@link #MAX_CALL}, the SDK default's bound), and a call made once
 * nothing is left fails at once without reaching AWS. Without it one endpoint that stops answering
 * keeps a 20 s gate alive for minutes: every call waits its own 60 s, and the report makes more.
 */
public final class CallDeadline implements ExecutionInterceptor {
  /** The longest any one call may take, retries included, however much time is left. */
  public static final Duration MAX_CALL = Duration.ofSeconds(60);
  /** Below this, a call could not even be answered: fail it rather than send it. */
  private static final Duration TOO_LITTLE = Duration.ofMillis(50);

  private final Instant end;
  private final Clock clock;

  private CallDeadline(Instant end, Clock clock) {
    this.end = end;
    this.clock = clock;
  }

  /** Calls may run until {@code end}. */
  public static CallDeadline at(Instant end, Clock clock) {
    return new CallDeadline(end, clock);
  }

  /** No end but each call's own bound (diagnose, rollback, continue). */
  public static CallDeadline none() {
    return new CallDeadline(Instant.MAX, Clock.systemUTC());
  }

  public Instant end() {
    return end;
  }

  /** What is left before the end, never negative. */
  public Duration left() {
    if (end.equals(Instant.MAX)) {
      return MAX_CALL;
    }
    Duration left = Duration.between(clock.instant(), end);
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    Duration left = left();
    if (left.compareTo(TOO_LITTLE) < 0) {
      throw SdkClientException.create("no time left for this AWS call (--timeout reached)");
    }
    Duration budget = left.compareTo(MAX_CALL) < 0 ? left : MAX_CALL;
    if (context.request() instanceof AwsRequest aws) {
      AwsRequestOverrideConfiguration.Builder config = aws.overrideConfiguration()
          .map(AwsRequestOverrideConfiguration::toBuilder)
          .orElseGet(AwsRequestOverrideConfiguration::builder);
      return aws.toBuilder().overrideConfiguration(config.apiCallTimeout(budget).build()).build();
    }
    return context.request();
  }
}
