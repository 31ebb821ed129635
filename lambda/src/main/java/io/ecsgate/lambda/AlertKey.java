package io.ecsgate.lambda;

import io.ecsgate.classifier.Category;

/**
 * What one Slack message is about: the same failure of the same thing. A crash loop's hundred
 * stopped tasks share one key, so they share one message; a different category or task
 * definition revision is a different failure and gets its own.
 *
 * @param cluster the cluster's name
 * @param subject {@code service:NAME} for a service, or the task's group ({@code family:NAME}) for one-off tasks
 * @param taskDefinition {@code family:revision}, a deployment id for failed deployments, or "-"
 */
public record AlertKey(String cluster, String subject, Category category, String taskDefinition) {

  public AlertKey {
    taskDefinition = taskDefinition == null || taskDefinition.isBlank() ? "-" : taskDefinition;
  }

  /** The service's name when the subject is a service, else null. */
  public String service() {
    return subject.startsWith("service:") ? subject.substring("service:".length()) : null;
  }

  /** All incidents of one cluster and subject share this (the DynamoDB partition key). */
  String partition() {
    return partition(cluster, subject);
  }

  static String partition(String cluster, String subject) {
    return "incident#" + cluster + "#" + subject;
  }

  /** Tells the incidents of one subject apart (the DynamoDB sort key). */
  String sortKey() {
    return category.name() + "#" + taskDefinition;
  }

  static AlertKey fromKeys(String partition, String sortKey) {
    String rest = partition.substring("incident#".length());
    int hash = rest.indexOf('#');
    int sep = sortKey.indexOf('#');
    return new AlertKey(rest.substring(0, hash), rest.substring(hash + 1), Category.valueOf(sortKey.substring(0, sep)),
        sortKey.substring(sep + 1));
  }
}
