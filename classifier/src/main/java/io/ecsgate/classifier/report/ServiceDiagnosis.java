package io.ecsgate.classifier.report;

import io.ecsgate.classifier.Category;
import java.util.List;
import java.util.Map;

/**
 * Why a service's deployment is failing: its stopped tasks, each classified, counted by category
 * (most frequent first), the recent service events, and console links.
 *
 * @param byCategory counts of {@link #tasks} by verdict category, in descending count order
 * @param events newest first, only those since the deployment started (or the last hour)
 * @param serviceConsoleUrl the ECS console page of the service
 */
public record ServiceDiagnosis(
    List<DiagnosedTask> tasks,
    Map<Category, Integer> byCategory,
    List<ServiceEventLine> events,
    String serviceConsoleUrl) {}
