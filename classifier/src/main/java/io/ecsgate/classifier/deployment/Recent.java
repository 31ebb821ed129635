package io.ecsgate.classifier.deployment;

import io.ecsgate.classifier.Verdict;

/**
 * What diagnose read about a service's recent past, beside the snapshot.
 *
 * @param failedStops how many of the newest stopped tasks alert
 * @param lookedAt how many of the newest stopped tasks were looked at
 * @param newestFailure the newest alerting stopped task's verdict, or null
 * @param newestEvent the newest service event's verdict, or null when there is none
 * @param newestEventMessage that event's message, or null
 */
public record Recent(int failedStops, int lookedAt, Verdict newestFailure, Verdict newestEvent,
    String newestEventMessage) {}
