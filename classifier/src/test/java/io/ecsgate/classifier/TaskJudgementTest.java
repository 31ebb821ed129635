package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The whole-task judgement: the cases where looking at one field gives the wrong answer. */
class TaskJudgementTest {
  private final StopClassifier classifier = StopClassifier.withDefaults();

  private static StoppedTask.Builder task(String stopCode, String reason) {
    return StoppedTask.builder()
        .taskArn("arn:aws:ecs:eu-west-1:123456789012:task/prod/0123456789abcdef")
        .cluster("arn:aws:ecs:eu-west-1:123456789012:cluster/prod")
        .group("service:web")
        .lastStatus("STOPPED").desiredStatus("STOPPED")
        .stopCode(stopCode).stoppedReason(reason);
  }

  private static ContainerExit container(String name, Integer exitCode, String reason) {
    return new ContainerExit(name, exitCode, reason, "STOPPED", null, null);
  }

  @Test
  void sidecarThatExitedZeroDoesNotHideAnAppThatNeverStarted() {
    StoppedTask t = task("TaskFailedToStart", "Task failed to start")
        .container(container("log_router", 0, null))
        .container(container("app", null, "CannotPullContainerError: ref pull has been retried 5 time(s): failed to resolve reference \"x/app:v2\": not found"))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.alert()).isTrue();
    assertThat(v.category()).isEqualTo(Category.IMAGE_PULL);
    assertThat(v.evidence().container()).isEqualTo("app");
    assertThat(v.rule()).isEqualTo("default:image-pull.not-found");
  }

  @Test
  void appExitBlamesTheFailingContainerNotTheSidecar() {
    StoppedTask t = task("EssentialContainerExited", "Essential container in task exited")
        .container(container("envoy", 143, null))
        .container(container("app", 1, null))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.alert()).isTrue();
    assertThat(v.category()).isEqualTo(Category.APP_EXIT);
    assertThat(v.evidence().container()).isEqualTo("app");
    assertThat(v.evidence().exitCode()).isEqualTo(1);
    assertThat(v.summary()).contains("exited with code 1");
  }

  @Test
  void failingNonEssentialSidecarDoesNotFailACompletedTask() {
    StoppedTask t = task("EssentialContainerExited", "Essential container in task exited")
        .container(new ContainerExit("job", 0, null, "STOPPED", true, null))
        .container(new ContainerExit("datadog-agent", 137, null, "STOPPED", false, null))
        .group("family:nightly-report")
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.alert()).isFalse();
    assertThat(v.category()).isEqualTo(Category.COMPLETED);
    assertThat(v.evidence().container()).isEqualTo("job");
  }

  @Test
  void aServiceWhoseEssentialContainerExitsZeroHasFailedButAOneOffTaskCompleted() {
    StoppedTask service = task("EssentialContainerExited", "Essential container in task exited")
        .container(container("app", 0, null))
        .build();
    StoppedTask job = service.toBuilder().group("family:report").build();

    Verdict serviceVerdict = classifier.classify(service);
    Verdict jobVerdict = classifier.classify(job);

    assertThat(serviceVerdict.alert()).isTrue();
    assertThat(serviceVerdict.category()).isEqualTo(Category.APP_EXIT);
    assertThat(serviceVerdict.rule()).isEqualTo("default:service-exit-0");
    assertThat(serviceVerdict.summary()).contains("must keep running");
    assertThat(jobVerdict.alert()).isFalse();
    assertThat(jobVerdict.category()).isEqualTo(Category.COMPLETED);
  }

  @Test
  void withoutEssentialFlagsEveryNonZeroExitCounts() {
    // Two containers failed on their own: no rule can single out a finished essential one.
    StoppedTask t = task("EssentialContainerExited", "Essential container in task exited")
        .container(container("worker", 2, null))
        .container(container("app", 137, null))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.alert()).isTrue();
    assertThat(v.category()).isEqualTo(Category.APP_EXIT);
    assertThat(v.evidence().exitCode()).isEqualTo(2);
  }

  @Test
  void offlineTheContainerThatExitedZeroIsTheEssentialOneWhenTheOthersWereStoppedByEcs() {
    // hyperdxio/aws-ecs-opentelemetry-sidecar#2: a quick one-off migration, its sidecar SIGKILLed.
    StoppedTask job = task("EssentialContainerExited", "Essential container in task exited")
        .group("family:db-migrate")
        .container(container("otel-collector", 137, null))
        .container(container("migrate", 0, null))
        .container(container("log_router", 143, null))
        .build();

    Verdict v = classifier.classify(job);

    assertThat(v.alert()).isFalse();
    assertThat(v.category()).isEqualTo(Category.COMPLETED);
    assertThat(v.rule()).isEqualTo("default:completed.sidecars-stopped");
    assertThat(v.evidence().container()).isEqualTo("migrate");
    assertThat(v.summary()).contains("otel-collector (137)", "log_router (143)");
    assertThat(v.hint()).contains("task definition was not read", "sidecars:");
  }

  @Test
  void theOfflineRuleStillAlertsForAServiceAndStaysOutWhereItsPremisesFail() {
    StoppedTask service = task("EssentialContainerExited", "Essential container in task exited")
        .container(container("envoy", 137, null))
        .container(container("app", 0, null))
        .build();
    Verdict serviceVerdict = classifier.classify(service);
    assertThat(serviceVerdict.alert()).isTrue();
    assertThat(serviceVerdict.rule()).isEqualTo("default:service-exit-0");
    assertThat(serviceVerdict.evidence().container()).isEqualTo("app");
    assertThat(serviceVerdict.hint()).contains("task definition was not read");

    StoppedTask.Builder job = task("EssentialContainerExited", "Essential container in task exited")
        .group("family:report");
    // a killed container with a reason of its own (here an OOM kill) is not a sidecar stopped at shutdown
    assertThat(classifier.classify(job.build().toBuilder()
        .container(container("init", 0, null))
        .container(container("app", 137, "OutOfMemoryError: Container killed due to memory usage")).build()).alert())
        .isTrue();
    // another stop code: ECS did not stop the task because a container exited
    assertThat(classifier.classify(job.build().toBuilder().stopCode(null).stoppedReason(null)
        .container(container("init", 0, null)).container(container("app", 137, null)).build()).rule())
        .isEqualTo("default:app-exit");
    // a flag is known: the task definition decides, not the rule
    assertThat(classifier.classify(job.build().toBuilder()
        .container(new ContainerExit("init", 0, null, "STOPPED", false, null))
        .container(new ContainerExit("app", 137, null, "STOPPED", null, null)).build()).category())
        .isEqualTo(Category.APP_EXIT);
  }

  @Test
  void anInitContainerThatExitedZeroBeforeTheAppWasKilledNeedsTheFlagsOrTheSidecarsList() throws Exception {
    // The documented limit of the offline rule: the same codes, the other reading.
    StoppedTask t = task("EssentialContainerExited", "Essential container in task exited")
        .group("family:report")
        .container(container("init", 0, null))
        .container(container("app", 137, null))
        .build();
    StoppedTask withFlags = t.withContainers(t.containers().stream()
        .map(c -> c.withEssential(!c.name().equals("init"))).toList());

    assertThat(classifier.classify(t).category()).isEqualTo(Category.COMPLETED);
    Verdict known = classifier.classify(withFlags);
    assertThat(known.alert()).isTrue();
    assertThat(known.evidence().exitCode()).isEqualTo(137);
    assertThat(known.hint()).contains("stopTimeout");
    assertThat(StopClassifier.with(RuleSet.parse("sidecars: [init]\n", "rules.yaml")).classify(t).evidence().exitCode())
        .isEqualTo(137);
  }

  @Test
  void aNonEssentialContainerThatFailedOnItsOwnIsMentionedWithoutAnAlert() {
    StoppedTask t = task("EssentialContainerExited", "Essential container in task exited")
        .group("family:nightly-report")
        .container(new ContainerExit("job", 0, null, "STOPPED", true, null))
        .container(new ContainerExit("log_router", 1, null, "STOPPED", false, null))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.alert()).isFalse();
    assertThat(v.category()).isEqualTo(Category.COMPLETED);
    assertThat(v.rule()).isEqualTo("default:completed.sidecar-failed");
    assertThat(v.summary()).contains("non-essential container log_router failed with exit code 1");
    assertThat(v.evidence().container()).isEqualTo("job");
  }

  @Test
  void anEssentialContainersFailureStaysAFailureWhateverTheSidecarsDid() {
    StoppedTask t = task("EssentialContainerExited", "Essential container in task exited")
        .group("family:nightly-report")
        .container(new ContainerExit("job", 3, null, "STOPPED", true, null))
        .container(new ContainerExit("log_router", 0, null, "STOPPED", false, null))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.alert()).isTrue();
    assertThat(v.category()).isEqualTo(Category.APP_EXIT);
    assertThat(v.evidence().container()).isEqualTo("job");
  }

  @Test
  void configuredSidecarNamesAreTreatedAsNonEssential() throws Exception {
    RuleSet rules = RuleSet.parse("sidecars: [\"datadog-*\"]\n", "rules.yaml");
    StoppedTask t = task("EssentialContainerExited", "Essential container in task exited")
        .group("family:nightly-report")
        .container(container("job", 0, null))
        .container(container("datadog-agent", 1, null))
        .build();

    assertThat(StopClassifier.with(rules).classify(t).category()).isEqualTo(Category.COMPLETED);
    assertThat(StopClassifier.withDefaults().classify(t).category()).isEqualTo(Category.APP_EXIT);
  }

  @Test
  void taskWithNoExitCodeAtAllAlertsEvenWithAnUnknownReason() {
    StoppedTask t = task(null, "Something ECS never said before")
        .container(container("app", null, null))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.alert()).isTrue();
    assertThat(v.category()).isEqualTo(Category.UNKNOWN);
    assertThat(v.rule()).isEqualTo("default:no-exit-code");
  }

  @Test
  void oomReasonWinsOverTheGenericEssentialExitReason() {
    StoppedTask t = task("EssentialContainerExited", "Essential container in task exited")
        .container(container("app", 137, "OutOfMemoryError: Container killed due to memory usage"))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.category()).isEqualTo(Category.OUT_OF_MEMORY);
    assertThat(v.alert()).isTrue();
    assertThat(v.evidence().exitCode()).isEqualTo(137);
  }

  @Test
  void elbHealthCheckStopAlertsDespiteTheSchedulerStopCode() {
    StoppedTask t = task("ServiceSchedulerInitiated",
        "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc)")
        .container(container("app", 143, null))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.category()).isEqualTo(Category.HEALTH_CHECK_ELB);
    assertThat(v.alert()).isTrue();
  }

  @Test
  void schedulerStopWithoutFailureEvidenceIsAReplacement() {
    StoppedTask t = task("ServiceSchedulerInitiated", "Scaling activity initiated by (deployment ecs-svc/5169280574093855189)")
        .container(container("app", 143, null))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.alert()).isFalse();
    assertThat(v.category()).isEqualTo(Category.DEPLOYMENT_OR_SCALING);
  }

  @Test
  void unknownStopCodesAreAcceptedAndJudgedByTheRest() {
    StoppedTask t = task("SomeFutureStopCode", "Essential container in task exited")
        .container(container("app", 2, null))
        .build();

    assertThat(classifier.classify(t).category()).isEqualTo(Category.APP_EXIT);
  }

  @Test
  void spotWarningWhileStillRunningIsBenign() {
    StoppedTask t = task("SpotInterruption", "Your Spot Task was interrupted.")
        .lastStatus("RUNNING")
        .container(container("app", null, null))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.alert()).isFalse();
    assertThat(v.category()).isEqualTo(Category.SPOT_INTERRUPTION);
  }

  @Test
  void infrastructureHealthStopIsNotTheAppsFailureUnlessAContainerShowsOne() {
    StoppedTask benign = task("InfrastructureHealth", null)
        .container(container("app", 2, null))
        .build();
    StoppedTask oom = task("InfrastructureHealth", null)
        .container(container("app", 137, "OutOfMemoryError: Container killed due to memory usage"))
        .build();

    Verdict v = classifier.classify(benign);

    assertThat(v.alert()).isFalse();
    assertThat(v.category()).isEqualTo(Category.PLATFORM);
    assertThat(v.rule()).isEqualTo("default:infrastructure-health");
    assertThat(classifier.classify(oom).category()).isEqualTo(Category.OUT_OF_MEMORY);
    assertThat(classifier.classify(oom).alert()).isTrue();
  }

  @Test
  void multiLineReasonsBecomeOneLineSummaries() {
    StoppedTask t = task("TaskFailedToStart", "CannotStartContainerError: Error response from daemon:\nfailed to create shim task: exec format error")
        .container(container("app", null, null))
        .build();

    Verdict v = classifier.classify(t);

    assertThat(v.summary()).doesNotContain("\n");
    assertThat(v.rule()).isEqualTo("default:container-command.architecture");
  }
}
