package io.ecsgate.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.RuleSet;
import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.classifier.SignalParser;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.diagnosis.Diagnoser;
import io.ecsgate.diagnosis.EcsReads;
import io.ecsgate.diagnosis.SdkErrors;
import io.ecsgate.slack.SlackNotifier;
import io.ecsgate.slack.SlackResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Builds a {@link Detector} from its parts: the one place that knows how the function (AWS for
 * everything) and the local runner (in-memory state, no AWS unless asked) differ.
 *
 * @param aws the AWS clients, or null for a run without AWS (no diagnosis, no tags, no sweep)
 * @param slack the Slack notifier, made (its settings resolved) when the first message is due
 * @param debounce see {@link IncidentPublisher}
 */
record Wiring(LambdaSettings settings, StateStore state, AwsClients aws, Supplier<SlackNotifier> slack, Clock clock,
    PrintStream log, Consumer<SlackResult> sent, Duration debounce) {

  Detector detector() throws RulesFileException {
    StopClassifier classifier = settings.rulesFile() == null
        ? StopClassifier.withDefaults()
        : StopClassifier.with(RuleSet.load(Path.of(settings.rulesFile()), log::println));
    Supplier<SlackNotifier> notifier = new Lazy<>(slack);
    IncidentPublisher publisher = new IncidentPublisher(state, notifier, clock, debounce,
        d -> Thread.sleep(d.toMillis()), sent);
    // One EcsReads for the life of the function instance: its task definition cache serves every
    // event; made at the first event that needs ECS.
    Supplier<EcsReads> reads = aws == null ? null : new Lazy<>(() -> new EcsReads(aws.ecs().ecs(), log::println));
    EventFindings.DeploymentDiagnosis diagnosis = aws == null ? null : (cluster, service, deploymentId, since) -> {
      try (Diagnoser d = new Diagnoser(reads.get(), aws.ecs().logs(), classifier, aws.region())) {
        return d.diagnose(cluster, service, deploymentId, since);
      } catch (SdkException e) {
        log.println("warning: cannot diagnose " + service + ": " + SdkErrors.oneLine(e));
        return null;
      }
    };
    ChannelRouter router = new ChannelRouter(settings.routes(), settings.defaultChannel(), settings.channelTag(),
        aws == null ? arn -> java.util.Map.of() : new EcsTags(() -> aws.ecs().ecs(), clock, log));
    Supplier<Sweep> sweep = () -> {
      if (aws == null) {
        throw new SweepUnavailableException("a Scheduled Event runs the sweep, which reads the ECS API");
      }
      return new Sweep(aws.ecs().ecs(), classifier, state, settings, aws.region());
    };
    return new Detector(new SignalParser(new ObjectMapper()), new EventFindings(classifier, diagnosis,
        reads == null ? task -> task : task -> reads.get().withEssentialFlags(task)), sweep, state,
        router, publisher, settings, clock, log);
  }
}
