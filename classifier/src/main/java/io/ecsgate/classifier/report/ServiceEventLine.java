package io.ecsgate.classifier.report;

import java.time.Instant;

/** One DescribeServices event message. */
public record ServiceEventLine(Instant createdAt, String message) {}
