package io.ecsgate.sim;

import java.time.Duration;

/**
 * Faults injected in front of any scenario, per operation ({@code "DescribeServices"},
 * {@code "GetLogEvents"}...; none named = every operation). Rules add up: latency always applies,
 * and of the error rules the first added that fires answers the request. "Every Nth" counts the
 * requests each rule matches, so {@code throttleEvery(3, "DescribeServices")} fails the 3rd, 6th,
 * 9th... DescribeServices call.
 */
public interface Faults {
  /** 400 {@code ThrottlingException} "Rate exceeded" on every {@code n}th matching request. */
  Faults throttleEvery(int n, String... operations);

  /** 400 {@code ThrottlingException} on about this fraction (0..1) of matching requests. */
  Faults throttleFraction(double fraction, String... operations);

  /** 500 {@code ServerException} on every {@code n}th matching request. */
  Faults serverErrorEvery(int n, String... operations);

  /** 503 {@code ServiceUnavailableException} on every {@code n}th matching request. */
  Faults unavailableEvery(int n, String... operations);

  /** 400 {@code AccessDeniedException} on every matching request, as a missing IAM permission. */
  Faults denyAccess(String... operations);

  /** Adds {@code delay} (real time) before answering each matching request. */
  Faults latency(Duration delay, String... operations);

  /** Removes every rule. */
  Faults clear();

  /** How many error responses the rules have injected so far. */
  int injectedCount();
}
