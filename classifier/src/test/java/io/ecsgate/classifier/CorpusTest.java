package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.input.InputItem;
import io.ecsgate.classifier.input.SignalFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: every real stopped-task reason and ECS event in {@code corpus/} (each with its
 * source in the {@code .expected} file and SOURCES.md) is read the way {@code ecs-gate classify}
 * reads a file and must get the expected category, alert, and blamed container and exit code, and
 * where the {@code .expected} file names them, the rule, the deterministic flag and words the hint
 * must contain ({@code hint-mentions}, comma-separated).
 */
class CorpusTest {
  private static final StopClassifier CLASSIFIER = StopClassifier.withDefaults();
  private static final SignalFileReader READER = new SignalFileReader(new ObjectMapper());

  static Stream<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(corpus())) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void classifiesAsExpected(String name) throws Exception {
    Map<String, String> expected = expectations(corpus().resolve(name + ".expected"));
    List<InputItem> items = new ArrayList<>();
    try (InputStream in = Files.newInputStream(corpus().resolve(name + ".json"))) {
      READER.read(in, name, items::add);
    }

    assertThat(items).as("exactly one signal in %s", name).hasSize(1).first().isInstanceOf(InputItem.Signal.class);
    Verdict v = CLASSIFIER.classify(((InputItem.Signal) items.get(0)).signal().signal());

    assertThat(v.category().name()).as("category (summary: %s, rule %s)", v.summary(), v.rule())
        .isEqualTo(expected.get("category"));
    assertThat(v.alert()).as("alert").isEqualTo(Boolean.parseBoolean(expected.get("alert")));
    if (expected.containsKey("container")) {
      assertThat(v.evidence().container()).as("blamed container").isEqualTo(expected.get("container"));
    }
    if (expected.containsKey("exitCode")) {
      assertThat(v.evidence().exitCode()).as("exit code").isEqualTo(Integer.valueOf(expected.get("exitCode")));
    }
    if (expected.containsKey("rule")) {
      assertThat(v.rule()).as("rule (hint: %s)", v.hint()).isEqualTo(expected.get("rule"));
    }
    if (expected.containsKey("deterministic")) {
      assertThat(v.deterministic()).as("deterministic").isEqualTo(Boolean.parseBoolean(expected.get("deterministic")));
    }
    if (expected.containsKey("hint-mentions")) {
      // A few words the hint must name: where the cause lies, so the reader is not sent elsewhere.
      for (String word : expected.get("hint-mentions").split(",")) {
        assertThat(v.hint()).as("hint (rule %s)", v.rule()).containsIgnoringCase(word.strip());
      }
    }
    assertThat(v.summary()).as("summary is one line").doesNotContain("\n").isNotBlank();
  }

  @Test
  void theCorpusIsLargeAndEveryCaseNamesItsSource() throws Exception {
    List<String> names = cases().toList();

    assertThat(names).hasSizeGreaterThanOrEqualTo(40);
    for (String name : names) {
      assertThat(Files.readString(corpus().resolve(name + ".expected"))).as(name).containsPattern("(?m)^# source: \\S+");
    }
  }

  @Test
  void everyCategoryThatRealMaterialShowsIsCovered() throws Exception {
    List<String> categories = new ArrayList<>();
    for (String name : cases().toList()) {
      categories.add(expectations(corpus().resolve(name + ".expected")).get("category"));
    }
    for (Category c : Category.values()) {
      if (c == Category.LONG_RUNNING || c == Category.BELOW_DESIRED) {
        continue; // the sweep finds these by reading the API; no event carries them
      }
      assertThat(categories).as("a real sample of %s", c).contains(c.name());
    }
  }

  private static Map<String, String> expectations(Path file) throws IOException {
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      result.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
    }
    return result;
  }

  private static Path corpus() throws URISyntaxException {
    return Path.of(CorpusTest.class.getResource("/corpus").toURI());
  }
}
