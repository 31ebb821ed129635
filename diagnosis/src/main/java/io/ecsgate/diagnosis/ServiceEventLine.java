package io.ecsgate.diagnosis;

import java.time.Instant;

/** One DescribeServices event message. */
public record ServiceEventLine(Instant createdAt, String message) {}
