package io.ecsgate.classifier.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** The real events and describe-tasks answers of the golden corpus, the seeds every mutation starts from. */
public final class Corpus {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final List<JsonNode> VALUES = load();

  private Corpus() {}

  /** A deep copy of one corpus value, free to mutate. */
  public static JsonNode any(Random r) {
    return VALUES.get(r.nextInt(VALUES.size())).deepCopy();
  }

  public static List<JsonNode> all() {
    return VALUES.stream().<JsonNode>map(JsonNode::deepCopy).toList();
  }

  private static List<JsonNode> load() {
    try (Stream<Path> files = Files.list(Path.of(Corpus.class.getResource("/corpus").toURI()))) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().map(Corpus::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode read(Path p) {
    try {
      return JSON.readTree(p.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
