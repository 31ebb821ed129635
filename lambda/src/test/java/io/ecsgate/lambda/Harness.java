package io.ecsgate.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.slack.SlackNotifier;
import io.ecsgate.slack.SlackSettings;
import io.ecsgate.slack.testing.SlackStub;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A detector wired to a state store and a local stand-in for Slack, with events made from test resources. */
final class Harness {
  static final String TOKEN = "xoxb-0000-1111-lambdaT0k3n";
  static final ObjectMapper JSON = new ObjectMapper();

  final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
  final Detector detector;

  Harness(StateStore state, SlackStub slack, Map<String, String> env, Instant now, Duration debounce) {
    this(state, slack, env, now, debounce, null);
  }

  /** @param aws the AWS clients (aimed at the simulator or moto), or null for none */
  Harness(StateStore state, SlackStub slack, Map<String, String> env, Instant now, Duration debounce, AwsClients aws) {
    Map<String, String> vars = new HashMap<>(Map.of("DEFAULT_SLACK_CHANNEL", "#ecs-alerts"));
    vars.putAll(env);
    LambdaSettings settings = LambdaSettings.fromEnvironment(vars);
    SlackSettings slackSettings = new SlackSettings(TOKEN, null, slack.apiUrl(), null, null, false, Duration.ofSeconds(5));
    try {
      detector = new Wiring(settings, state, aws, () -> new SlackNotifier(slackSettings), Clock.fixed(now, ZoneOffset.UTC),
          new PrintStream(logBytes, true, StandardCharsets.UTF_8), r -> {}, debounce).detector();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String log() {
    return logBytes.toString(StandardCharsets.UTF_8);
  }

  /** The crash loop's n-th stopped task: its own event id and task. */
  static ObjectNode crashLoopTask(int n) {
    ObjectNode e = event("crash-loop-task.json");
    String task = String.format("%032x", n);
    e.put("id", "00000000-0000-4000-8000-" + String.format("%012d", n));
    ObjectNode detail = (ObjectNode) e.get("detail");
    detail.put("taskArn", "arn:aws:ecs:eu-west-1:123456789012:task/prod/" + task);
    return e;
  }

  static ObjectNode event(String name) {
    try (InputStream in = Harness.class.getResourceAsStream("/events/" + name)) {
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An event of the classifier's corpus, by case name, read in place (its real and documented samples). */
  static ObjectNode corpusEvent(String name) {
    try {
      return (ObjectNode) JSON.readTree(Path.of("..", "classifier", "src", "test", "resources", "corpus", name + ".json")
          .toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Web API calls made, e.g. chat.postMessage, chat.update. */
  static List<SlackStub.Request> calls(SlackStub slack, String method) {
    return slack.requests().stream().filter(r -> r.call().equals(method)).toList();
  }

  /** The main messages posted (thread replies left out). */
  static List<SlackStub.Request> mainPosts(SlackStub slack) {
    return calls(slack, "chat.postMessage").stream().filter(r -> !r.form().containsKey("thread_ts")).toList();
  }
}
