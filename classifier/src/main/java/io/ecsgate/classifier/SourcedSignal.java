package io.ecsgate.classifier;

import java.time.Instant;

/**
 * A signal with what its envelope said: the EventBridge event id and time (null for API output),
 * the region and account where known, and where in the JSON value it was found (e.g.
 * {@code tasks[2]}, empty for a single event).
 */
public record SourcedSignal(
    EcsSignal signal, String eventId, Instant eventTime, String region, String account, String path) {}
