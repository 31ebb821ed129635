package io.ecsgate.lambda;

import io.ecsgate.classifier.Category;
import java.time.Instant;

/**
 * A sign that a subject is healthy again: a steady-state event, a completed deployment, a
 * service back at its desired count.
 *
 * @param only the one category it ends (BELOW_DESIRED), or null for every open incident of the subject
 */
public record Recovery(String cluster, String subject, Instant at, Category only) {}
