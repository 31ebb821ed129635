package io.ecsgate.gate;

import io.ecsgate.classifier.Arns;
import io.ecsgate.classifier.deployment.FollowedDeployment;
import io.ecsgate.diagnosis.SdkErrors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookDetail;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;

/**
 * Follows our deployment by identity through the ServiceDeployments API (2024-2026): after
 * UpdateService, the ServiceDeployment created since our call whose target revision runs our task
 * definition; for wait, the one under way. Its ARN is kept, so a deployment someone else starts
 * later can never be mistaken for ours.
 *
 * <p>Where the API does not answer (an older endpoint, a proxy, no permission for
 * ecs:ListServiceDeployments) it is asked no more and the gate judges from DescribeServices as
 * before; the caller says so once. A throttled or failed call is only skipped.
 */
final class ServiceDeploymentFollower {
  /** Errors that mean "this API is not here for us", not "try again". */
  private static final Set<String> UNAVAILABLE = Set.of("UnknownOperationException", "AccessDeniedException",
      "UnsupportedFeatureException", "InvalidAction", "NotImplemented", "UnrecognizedClientException");
  /** Clocks differ: a ServiceDeployment created this long before our call may still be ours. */
  private static final java.time.Duration SKEW = java.time.Duration.ofSeconds(30);

  private final EcsClient ecs;
  private String unavailable;

  ServiceDeploymentFollower(EcsClient ecs) {
    this.ecs = ecs;
  }

  /** Why the API cannot be used, once it turned out so; null while it can. */
  String unavailable() {
    return unavailable;
  }

  /**
   * Our ServiceDeployment's ARN, or null while it is not visible yet (ECS may list it a moment
   * after UpdateService) or the API does not answer.
   *
   * @param calledAt when deploy called UpdateService; null for wait (the one under way)
   */
  String find(Watched w, Instant calledAt) {
    if (unavailable != null) {
      return null;
    }
    try {
      ListServiceDeploymentsRequest.Builder request = ListServiceDeploymentsRequest.builder()
          .cluster(w.cluster()).service(w.service()).maxResults(20);
      if (calledAt != null) {
        request.createdAt(c -> c.after(calledAt.minus(SKEW)));
      }
      List<ServiceDeploymentBrief> candidates = new ArrayList<>(ecs.listServiceDeployments(request.build())
          .serviceDeployments());
      candidates.sort((a, b) -> compare(b.createdAt(), a.createdAt()));
      for (ServiceDeploymentBrief brief : candidates) {
        if (calledAt == null && !"IN_PROGRESS".equals(brief.statusAsString()) && !"PENDING".equals(brief.statusAsString())) {
          continue;
        }
        if (runs(brief.targetServiceRevisionArn(), w.taskDefinition())) {
          return brief.serviceDeploymentArn();
        }
      }
      return null;
    } catch (AwsServiceException e) {
      noteUnavailable(e);
      return null;
    } catch (SdkException e) {
      return null;
    }
  }

  /** Our ServiceDeployment now, or null when this poll could not read it. */
  FollowedDeployment describe(String arn) {
    if (arn == null || unavailable != null) {
      return null;
    }
    try {
      List<ServiceDeployment> found = ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(arn)).serviceDeployments();
      return found.isEmpty() ? null : fromSdk(found.get(0));
    } catch (AwsServiceException e) {
      noteUnavailable(e);
      return null;
    } catch (SdkException e) {
      return null;
    }
  }

  private boolean runs(String revisionArn, String taskDefinition) {
    if (revisionArn == null) {
      return false;
    }
    List<ServiceRevision> revisions = ecs.describeServiceRevisions(b -> b.serviceRevisionArns(revisionArn)).serviceRevisions();
    return !revisions.isEmpty() && Arns.taskDefinition(revisions.get(0).taskDefinition()).equals(Arns.taskDefinition(taskDefinition));
  }

  private void noteUnavailable(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if (code != null && UNAVAILABLE.contains(code) || e.statusCode() == 404) {
      unavailable = SdkErrors.oneLine(e);
    }
  }

  static FollowedDeployment fromSdk(ServiceDeployment d) {
    ServiceRevisionSummary target = d.targetServiceRevision();
    FollowedDeployment.Traffic traffic = target == null || target.requestedProductionTrafficWeight() == null ? null
        : new FollowedDeployment.Traffic(target.requestedProductionTrafficWeight(),
            target.requestedTestTrafficWeight() == null ? 0 : target.requestedTestTrafficWeight());
    ServiceDeploymentCircuitBreaker b = d.deploymentCircuitBreaker();
    FollowedDeployment.Breaker breaker = b == null ? null : new FollowedDeployment.Breaker(b.statusAsString(),
        b.failureCount() == null ? 0 : b.failureCount(), b.threshold() == null ? 0 : b.threshold());
    List<FollowedDeployment.Hook> hooks = new ArrayList<>();
    for (DeploymentLifecycleHookDetail h : d.lifecycleHookDetails()) {
      hooks.add(new FollowedDeployment.Hook(h.hookId(), h.targetTypeAsString(), h.statusAsString(), h.expiresAt(),
          h.timeoutActionAsString()));
    }
    return new FollowedDeployment(d.serviceDeploymentArn(), d.statusAsString(), d.statusReason(),
        d.lifecycleStageAsString(), traffic, d.rollback() == null ? null : d.rollback().reason(),
        d.alarms() == null ? List.of() : d.alarms().triggeredAlarmNames(), breaker, hooks);
  }

  private static int compare(Instant a, Instant b) {
    return a == null || b == null ? 0 : a.compareTo(b);
  }
}
