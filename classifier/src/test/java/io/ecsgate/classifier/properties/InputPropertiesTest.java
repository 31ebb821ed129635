package io.ecsgate.classifier.properties;

import static io.ecsgate.classifier.properties.Tries.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ecsgate.classifier.MalformedSignalException;
import io.ecsgate.classifier.SignalParser;
import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.input.InputItem;
import io.ecsgate.classifier.input.SignalFileReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SignalParser and SignalFileReader on mutated corpus events and random bytes: every input is
 * signals, a skipped item or a malformed one (MalformedSignalException is the only exception), and
 * a bad line never hides the good lines around it.
 */
class InputPropertiesTest {
  private final SignalParser parser = new SignalParser(Corpus.JSON);
  private final SignalFileReader reader = new SignalFileReader(Corpus.JSON);
  private final StopClassifier classifier = StopClassifier.withDefaults();

  @Test
  void aMutatedEventParsesOrIsMalformedAndWhatParsesIsClassified() {
    int[] outcomes = new int[2]; // malformed, classified: the generator must reach both
    forAll(600, r -> Mutations.mutate(Corpus.any(r), r, 1 + r.nextInt(4)), event -> {
      SignalParser.Parsed parsed;
      try {
        parsed = parser.parse(event);
      } catch (MalformedSignalException expected) {
        assertThat(expected.getMessage()).doesNotContain("\n");
        outcomes[0]++;
        return;
      }
      for (SourcedSignal s : parsed.signals()) {
        Verdict v = classifier.classify(s.signal());
        assertThat(v.category()).isNotNull();
        outcomes[1]++;
      }
    });
    assertThat(outcomes[0]).as("malformed").isGreaterThan(50);
    assertThat(outcomes[1]).as("classified").isGreaterThan(50);
  }

  @Test
  void anyValueUnderAnEventEnvelopeParsesOrIsMalformed() {
    forAll(600, r -> {
      var event = Corpus.JSON.createObjectNode();
      event.put("detail-type", List.of("ECS Task State Change", "ECS Service Action", "ECS Deployment State Change")
          .get(r.nextInt(3)));
      event.set(r.nextBoolean() ? "detail" : Nasty.text(r), Nasty.value(r, 0));
      event.set(List.of("time", "resources", "id", "region").get(r.nextInt(4)), Nasty.value(r, 0));
      return (JsonNode) event;
    }, event -> {
      try {
        parser.parse(event).signals().forEach(s -> classifier.classify(s.signal()));
      } catch (MalformedSignalException expected) {
        // the one documented way to refuse an input
      }
    });
  }

  @Test
  void badLinesNeverHideTheGoodLinesAroundThem() {
    forAll(150, InputPropertiesTest::linesWithSomeMutated, lines -> {
      List<InputItem> items = read(lines.bytes());
      for (int i = 0; i < lines.good().size(); i++) {
        int lineNo = lines.goodLineNumbers().get(i);
        List<String> alone = describe(read(lines.good().get(i)), "in.json:1", "in.json:" + lineNo);
        List<String> found = describe(items, null, null).stream().filter(d -> d.contains("@in.json:" + lineNo + " ")
            || d.endsWith("@in.json:" + lineNo)).toList();
        assertThat(found).as("line %s", lineNo).isEqualTo(alone);
      }
    });
  }

  @Test
  void anyBytesAreReadWithoutAnException() {
    forAll(300, r -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int i = r.nextInt(6); i >= 0; i--) {
        String piece = Corpus.any(r).toString();
        bytes.writeBytes(Mutations.mutateLine(piece.substring(0, r.nextInt(piece.length() + 1)), r));
        bytes.write(r.nextInt(3) == 0 ? ' ' : '\n');
      }
      return bytes.toByteArray();
    }, bytes -> read(bytes));
  }

  /** JSON lines: good corpus events (the first always good) and mutated ones, with the good ones' line numbers. */
  record Lines(byte[] bytes, List<byte[]> good, List<Integer> goodLineNumbers) {
    @Override
    public String toString() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static Lines linesWithSomeMutated(Random r) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    List<byte[]> good = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>();
    int n = 2 + r.nextInt(8);
    for (int line = 1; line <= n; line++) {
      String event = Corpus.any(r).toString();
      byte[] bytes;
      if (line == 1 || r.nextBoolean()) {
        bytes = event.getBytes(StandardCharsets.UTF_8);
        good.add(bytes);
        numbers.add(line);
      } else {
        bytes = Mutations.mutateLine(event, r);
      }
      all.writeBytes(bytes);
      all.write('\n');
    }
    return new Lines(all.toByteArray(), good, numbers);
  }

  private List<InputItem> read(byte[] bytes) throws Exception {
    List<InputItem> items = new ArrayList<>();
    reader.read(new ByteArrayInputStream(bytes), "in.json", items::add);
    return items;
  }

  private static List<String> describe(List<InputItem> items, String from, String to) {
    return items.stream().map(i -> i.getClass().getSimpleName() + "@"
        + (from == null ? i.location() : i.location().replace(from, to))).toList();
  }
}
