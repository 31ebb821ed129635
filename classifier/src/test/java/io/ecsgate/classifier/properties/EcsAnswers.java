package io.ecsgate.classifier.properties;

import static io.ecsgate.classifier.properties.RulesGen.pick;

import io.ecsgate.classifier.DeploymentEvent;
import io.ecsgate.classifier.MalformedSignalException;
import io.ecsgate.classifier.SignalParser;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.deployment.DeploymentState;
import io.ecsgate.classifier.deployment.FollowedDeployment;
import io.ecsgate.classifier.deployment.LifecycleStages;
import io.ecsgate.classifier.deployment.Observed;
import io.ecsgate.classifier.deployment.Recent;
import io.ecsgate.classifier.deployment.ServiceState;
import io.ecsgate.classifier.deployment.Watch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random ECS answers for the deployment judge, as DescribeServices and DescribeServiceDeployments
 * could give them and worse: unknown and missing statuses, counts of every size (above 127
 * included, where boxed Integers compared with == go wrong), missing ids and task definitions.
 */
final class EcsAnswers {
  static final String OURS = "ecs-svc/1111111111111111111";
  static final String TD = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:";
  private static final List<Integer> COUNTS = List.of(0, 1, 2, 3, 127, 128, 129, 1000, -1, Integer.MAX_VALUE,
      Integer.MIN_VALUE);

  private EcsAnswers() {}

  static String maybe(Random r, List<String> values) {
    return r.nextInt(6) == 0 ? (r.nextBoolean() ? null : Nasty.text(r)) : pick(r, values);
  }

  static int count(Random r) {
    return r.nextBoolean() ? r.nextInt(10) : pick(r, COUNTS);
  }

  static String taskDefinition(Random r) {
    return r.nextInt(8) == 0 ? maybe(r, List.of("", "web", "web:x")) : TD + (1 + r.nextInt(3));
  }

  static DeploymentState deployment(Random r, String id, String status, String rolloutState) {
    return new DeploymentState(id, status, rolloutState, maybe(r, List.of("", "ECS deployment circuit breaker:"
        + " task failed to start.", "rolling back")), taskDefinition(r), count(r));
  }

  /** A deployment that is not ours, of any status (PRIMARY too, unless {@code primaryAllowed} is false). */
  static DeploymentState other(Random r, boolean primaryAllowed) {
    String id = maybe(r, List.of("ecs-svc/2222", "ecs-svc/3333", OURS + "0"));
    String status = maybe(r, primaryAllowed ? List.of("PRIMARY", "ACTIVE", "INACTIVE") : List.of("ACTIVE", "INACTIVE"));
    if (!primaryAllowed && "PRIMARY".equals(status)) {
      status = "ACTIVE";
    }
    return deployment(r, id, status, maybe(r, List.of("IN_PROGRESS", "COMPLETED", "FAILED")));
  }

  static ServiceState service(Random r, String status, List<DeploymentState> deployments) {
    List<DeploymentState> shuffled = new ArrayList<>(deployments);
    java.util.Collections.shuffle(shuffled, r);
    return new ServiceState(maybe(r, List.of("web", "payments-api")), status, count(r), count(r), count(r),
        taskDefinition(r), shuffled);
  }

  /** Any service at all: every field random, ours listed or not. */
  static ServiceState anyService(Random r) {
    List<DeploymentState> deployments = new ArrayList<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      deployments.add(r.nextInt(3) == 0
          ? deployment(r, OURS, maybe(r, List.of("PRIMARY", "ACTIVE")), maybe(r, List.of("IN_PROGRESS", "COMPLETED", "FAILED")))
          : other(r, true));
    }
    return service(r, maybe(r, List.of("ACTIVE", "DRAINING", "INACTIVE")), deployments);
  }

  static Watch watch(Random r) {
    return new Watch(OURS, r.nextBoolean() ? null : taskDefinition(r), pick(r, List.of(1, 3, 5, 200, 0, -1)),
        r.nextBoolean() ? null : maybe(r, LifecycleStages.ORDER));
  }

  static FollowedDeployment followed(Random r, List<String> statuses) {
    List<String> alarms = r.nextBoolean() ? List.of() : List.of(Nasty.text(r));
    FollowedDeployment.Breaker breaker = r.nextBoolean() ? null
        : new FollowedDeployment.Breaker(maybe(r, List.of("TRIGGERED", "MONITORING", "DISABLED")), count(r), count(r));
    List<FollowedDeployment.Hook> hooks = r.nextBoolean() ? List.of() : Arrays.asList(new FollowedDeployment.Hook(
        maybe(r, List.of("h1")), maybe(r, List.of("PAUSE", "AWS_LAMBDA")), maybe(r, List.of("AWAITING_ACTION")),
        r.nextBoolean() ? null : Instant.EPOCH, maybe(r, List.of("ROLLBACK", "CONTINUE"))));
    return new FollowedDeployment(maybe(r, List.of("arn:aws:ecs:us-east-1:1:service-deployment/c/web/x")),
        maybe(r, statuses), maybe(r, List.of("", "x")), maybe(r, LifecycleStages.ORDER),
        r.nextBoolean() ? null : new FollowedDeployment.Traffic(r.nextDouble() * 100, r.nextDouble() * 100),
        maybe(r, List.of("alarm", "")), alarms, breaker, hooks);
  }

  static final List<String> FOLLOWED_STATUSES = List.of("PENDING", "IN_PROGRESS", "SUCCESSFUL", "STOPPED",
      "STOP_REQUESTED", "ROLLBACK_REQUESTED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED");

  static Observed observed(Random r, FollowedDeployment followed, boolean deterministicAllowed) {
    return new Observed(count(r), r.nextBoolean(), r.nextBoolean() ? null : Nasty.text(r), followed,
        deterministicAllowed && r.nextInt(4) == 0 ? verdict(r) : null);
  }

  /** The verdict of a corpus event, mutated or not: what the gate's classifier says of a stopped task. */
  static Verdict verdict(Random r) {
    SignalParser parser = new SignalParser(Corpus.JSON);
    while (true) {
      try {
        var signals = parser.parse(Mutations.mutate(Corpus.any(r), r, r.nextInt(2))).signals();
        if (!signals.isEmpty()) {
          return StopClassifier.withDefaults().classify(signals.get(0).signal());
        }
      } catch (MalformedSignalException ignored) {
        // draw again
      }
    }
  }

  static Recent recent(Random r) {
    return new Recent(count(r), count(r), r.nextBoolean() ? null : verdict(r), r.nextBoolean() ? null : verdict(r),
        r.nextBoolean() ? null : Nasty.text(r));
  }

  static DeploymentEvent deploymentEvent(Random r, String eventName) {
    return new DeploymentEvent(maybe(r, List.of("prod")), maybe(r, List.of("web")),
        maybe(r, List.of("INFO", "WARN", "ERROR")), eventName, maybe(r, List.of(OURS)),
        maybe(r, List.of("ECS deployment circuit breaker: rolling back to deploymentId x", "task failed to start", "")),
        r.nextBoolean() ? null : Instant.EPOCH);
  }
}
