package io.ecsgate.lambda.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.input.InputItem;
import io.ecsgate.classifier.input.SignalFileReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The EventBridge events of the classifier's corpus (its files that have a {@code detail-type}),
 * each with the verdict the classifier gives it, read the way the classifier's CorpusTest reads them.
 */
final class CorpusEvents {
  static final Path DIR = Path.of("..", "classifier", "src", "test", "resources", "corpus");

  static final ObjectMapper JSON = new ObjectMapper();
  private static final StopClassifier CLASSIFIER = StopClassifier.withDefaults();
  private static final SignalFileReader READER = new SignalFileReader(JSON);

  record Event(String name, JsonNode json, Verdict verdict) {
    String detailType() {
      return json.path("detail-type").asText();
    }

    boolean isStoppedTask() {
      return detailType().equals("ECS Task State Change")
          && json.path("detail").path("lastStatus").asText().equals("STOPPED");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private CorpusEvents() {}

  static List<Event> all() {
    assertThat(DIR).as("the classifier's corpus, read in place (working directory %s)",
        Path.of("").toAbsolutePath()).isDirectory();
    List<Event> events = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode json = JSON.readTree(file.toFile());
        if (json.isObject() && json.has("detail-type")) {
          String name = file.getFileName().toString().replaceFirst("\\.json$", "");
          events.add(new Event(name, json, classify(json, name)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events;
  }

  static Event named(List<Event> events, String name) {
    return events.stream().filter(e -> e.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no corpus event " + name + " in " + DIR));
  }

  /** The classifier's verdict on one EventBridge event, as the Lambda would get it. */
  static Verdict classify(JsonNode event, String name) {
    List<InputItem> items = new ArrayList<>();
    try {
      READER.read(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), name, items::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(items).as("one signal in %s", name).hasSize(1).first().isInstanceOf(InputItem.Signal.class);
    return CLASSIFIER.classify(((InputItem.Signal) items.get(0)).signal().signal());
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
