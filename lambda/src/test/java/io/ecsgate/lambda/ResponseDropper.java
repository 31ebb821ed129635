package io.ecsgate.lambda;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Loses responses of one operation after the server has acted on the request, as a connection
 * reset after the write would: the first {@code drops} responses become a 500 InternalServerError,
 * which the SDK's retry sends again with the same request.
 */
final class ResponseDropper implements ExecutionInterceptor {
  private static final byte[] INTERNAL_ERROR = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"response lost in the test\"}"
      .getBytes(StandardCharsets.UTF_8);

  private final String operation;
  private final int drops;
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private volatile boolean droppingThisOne;

  ResponseDropper(String operation, int drops) {
    this.operation = operation;
    this.drops = drops;
  }

  /** Responses of the operation that reached the client. */
  int attempts() {
    return attempts.get();
  }

  int dropped() {
    return dropped.get();
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    droppingThisOne = false;
    if (!operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
      return context.httpResponse();
    }
    if (attempts.incrementAndGet() > drops) {
      return context.httpResponse();
    }
    dropped.incrementAndGet();
    droppingThisOne = true;
    return context.httpResponse().toBuilder().statusCode(500).statusText("Internal Server Error").build();
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    return droppingThisOne ? Optional.of(new ByteArrayInputStream(INTERNAL_ERROR)) : context.responseBody();
  }
}
