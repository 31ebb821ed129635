package io.ecsgate.classifier.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one run of deploy, wait or diagnose found, for every service: the single input of
 * every renderer (text, JSON, JUnit, dotenv, Slack), so they can never disagree.
 *
 * @param command deploy, wait or diagnose
 * @param region the AWS region, for console links
 */
public record FailureReport(String command, String region, Instant startedAt, Duration elapsed, List<ServiceResult> services) {

  /** The worst outcome over all services: it decides the exit code. */
  public Outcome outcome() {
    return services.stream().map(ServiceResult::outcome).reduce(Outcome.STABLE, Outcome::worse);
  }
}
