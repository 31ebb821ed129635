package io.ecsgate.classifier.input;

import static io.ecsgate.classifier.properties.Tries.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecsgate.classifier.MalformedSignalException;
import io.ecsgate.classifier.SignalParser;
import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.properties.Corpus;
import io.ecsgate.classifier.properties.Mutations;
import io.ecsgate.classifier.properties.Nasty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path is the full path, faster: for every line, either it leaves the line to the full
 * path (null), or its signal, and so its verdict, is exactly the one the full path finds. Lines are
 * the corpus events, the samples, and mutations of both (in the tree: wrong types, nasty values,
 * removed fields; in the bytes: truncation, inserted bytes, numbers out of range, repeated keys).
 * Each line is read alone and again in place, inside a larger array between quotes and backslashes,
 * as lines will be handed over inside a block: the answer must not change.
 */
class FastEventReaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FastEventReader fast = new FastEventReader();
  private final SignalParser parser = new SignalParser(JSON);
  private final StopClassifier classifier = StopClassifier.withDefaults();

  @Test
  void everyCorpusEventAndSampleIsReadByTheFastPathAsByTheFullPath() throws IOException {
    List<String> lines = new java.util.ArrayList<>(Corpus.all().stream().map(JsonNode::toString).toList());
    lines.addAll(Files.readAllLines(Path.of("../samples/events.jsonl")));
    int taken = 0;
    for (String line : lines) {
      taken += sameAsFullPath(line.getBytes(StandardCharsets.UTF_8)) ? 1 : 0;
    }
    // The corpus also holds describe-tasks answers and service events, which the full path reads.
    assertThat(taken).as("events the fast path took, of %s", lines.size()).isGreaterThan(lines.size() / 2);
  }

  @Test
  void aMutatedEventIsEitherLeftToTheFullPathOrReadAsTheFullPathReadsIt() {
    int[] taken = new int[2];
    forAll(3000, r -> mutated(r), bytes -> {
      taken[sameAsFullPath(bytes) ? 0 : 1]++;
    });
    assertThat(taken[0]).as("mutated lines the fast path took").isGreaterThan(300);
    assertThat(taken[1]).as("mutated lines left to the full path").isGreaterThan(300);
  }

  @Test
  void aTimestampIsParsedAsTheFullPathParsesItOrLeftToIt() throws IOException {
    String[] times = {"2026-11-20T03:12:44Z", "2026-11-20T03:12:44.086Z", "2026-11-20T03:12:44.123456789Z",
        "2024-02-29T23:59:59.9Z", "2023-02-29T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z", "2026-11-20T24:00:00Z", "2026-13-01T00:00:00Z", "2026-11-20T03:12:60Z",
        "2026-11-20T03:12:44.Z", "2026-11-20T03:12:44.1234567890Z", "2026-11-20t03:12:44Z", "2026-11-20T03:12:44z",
        "2026-11-20T03:12:44+09:00", "2026-11-20T03:12:44", "+2026-11-20T03:12:44Z", "2026-1-20T03:12:44Z",
        "2026-11-20T03:12:4４Z", "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z"};
    int taken = 0;
    for (String time : times) {
      ObjectNode event = (ObjectNode) Corpus.all().stream()
          .filter(e -> e.path("detail-type").asText().equals("ECS Task State Change")).findFirst().orElseThrow();
      ((ObjectNode) event.get("detail")).put("stoppedAt", time);
      event.put("time", time);
      taken += sameAsFullPath(event.toString().getBytes(StandardCharsets.UTF_8)) ? 1 : 0;
    }
    assertThat(taken).as("timestamps the fast path took").isEqualTo(6);
  }

  /** The reader keeps the last minute and day it read: one line after another, each is its own. */
  @Test
  void timestampsOfOtherMinutesAndDaysOneLineAfterAnotherAreEachReadAsTheFullPathReadsThem() throws IOException {
    String[] times = {"2020-03-11T06:21:45.300Z", "2020-07-15T06:21:45.300Z", "2020-03-11T06:21:45.300Z",
        "2020-03-11T06:21:46Z", "2020-03-11T06:22:46Z", "2020-03-11T07:21:46Z", "2020-03-11T06:21:60Z",
        "2020-03-11T06:21:59.999999999Z", "2020-03-12T06:21:45.300Z", "2021-03-11T06:21:45.300Z",
        "2024-02-29T23:59:59Z", "2023-02-29T23:59:59Z", "2024-02-29T23:59:58Z", "2024-02-30T23:59:59Z",
        "2024-02-29T23:60:00Z", "2024-02-29T24:59:00Z", "2024-02-29T23:59:00Z"};
    int taken = 0;
    for (String time : times) {
      ObjectNode event = taskEvent();
      ((ObjectNode) event.get("detail")).put("stoppedAt", time);
      event.put("time", time);
      taken += sameAsFullPath(bytes(event.toString())) ? 1 : 0;
    }
    assertThat(taken).as("lines with a time that exists").isEqualTo(12);
  }

  @Test
  void jsonTheScannerMayMisreadIsEitherLeftToTheFullPathOrReadAsItReadsIt() throws IOException {
    String event = Corpus.all().stream().filter(e -> e.path("detail-type").asText().equals("ECS Task State Change"))
        .findFirst().orElseThrow().toString();
    String[] reasons = {"\"a \\\" b\"", "\"line\\none\\ttab\\r\\b\\f \\/ slash\"", "\"\\u0041\"", "\"caf\u00e9\"",
        "\"\u65e5\u672c\"", "null", "1", "\"\\x\"", "\"\t\"", "\"a\u007fb\""};
    String[] exitCodes = {"0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649", "01", "1.0",
        "1e2", "1E+2", "99999999999", "null", "true", "\"1\"", "[1]"};
    String[] spaces = {" ", "\t", "\r", "\n", "\u00a0"};
    int taken = 0;
    int tried = 0;
    for (String reason : reasons) {
      tried++;
      taken += sameAsFullPath(withField(event, "stoppedReason", reason)) ? 1 : 0;
    }
    for (String code : exitCodes) {
      tried++;
      taken += sameAsFullPath(event.replaceFirst("\"exitCode\":-?\\d+", "\"exitCode\":" + code)
          .getBytes(StandardCharsets.UTF_8)) ? 1 : 0;
    }
    for (String space : spaces) {
      tried++;
      taken += sameAsFullPath(event.replace(",\"", "," + space + "\"").replace(":", space + ":" + space)
          .getBytes(StandardCharsets.UTF_8)) ? 1 : 0;
      tried++;
      taken += sameAsFullPath((space + event + space).getBytes(StandardCharsets.UTF_8)) ? 1 : 0;
    }
    assertThat(taken).as("variants the fast path took, of %s", tried).isBetween(10, tried - 10);
  }

  private static byte[] withField(String event, String field, String json) {
    return event.replaceFirst("\"" + field + "\":(\"([^\"\\\\]|\\\\.)*\"|null)",
        java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + json)).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] mutated(Random r) {
    JsonNode event = Corpus.any(r);
    return switch (r.nextInt(4)) {
      case 0 -> bytes(Mutations.mutate(event, r, 1 + r.nextInt(3)));
      case 1 -> Mutations.mutateLine(event.toString(), r);
      case 2 -> {
        JsonNode detail = event.get("detail");
        if (detail instanceof ObjectNode d) {
          List<String> names = new java.util.ArrayList<>();
          d.fieldNames().forEachRemaining(names::add);
          d.set(names.isEmpty() ? Nasty.text(r) : names.get(r.nextInt(names.size())), Nasty.value(r, 0));
        }
        yield bytes(event);
      }
      default -> event.toString().getBytes(StandardCharsets.UTF_8);
    };
  }

  /** The value as a line; one nested deeper than Jackson writes stays a line that deep. */
  private static byte[] bytes(JsonNode value) {
    try {
      return value.toString().getBytes(StandardCharsets.UTF_8);
    } catch (RuntimeException tooDeep) {
      return ("{\"detail-type\":\"ECS Task State Change\",\"detail\":" + "[".repeat(1_001))
          .getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * The scanner reads string text eight bytes at a time ({@link ByteWords}): each byte that ends a
   * plain run, at each position of the first words of a kept text, a skipped text, a timestamp and a
   * name, is handled as the full path handles it, whatever the alignment of the line in its array.
   */
  @Test
  void aSpecialByteAtEachPositionOfAStringIsReadAsTheFullPathReadsIt() throws IOException {
    ObjectNode event = taskEvent();
    ObjectNode detail = (ObjectNode) event.get("detail");
    detail.put("stoppedReason", "abcdefghijklmnopqrstuvwxyz"); // a kept text
    detail.put("zzAnUnknownFieldName", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"); // a name and a text not kept
    detail.put("capacityProviderName", "FARGATE_SPOT"); // a kept name
    detail.put("stoppedAt", "2026-11-20T03:12:44.681Z"); // a timestamp
    String line = event.toString();
    int[] starts = {after(line, "\"stoppedReason\":\""), after(line, "\"zzAnUnknownFieldName\":\""),
        after(line, "\"stoppedAt\":\""), after(line, "\"zzAnUnknownFieldName\":") - 22,
        after(line, "\"capacityProviderName\":") - 22};
    int[] taken = new int[SPECIALS.length];
    for (int start : starts) {
      for (int at = 0; at <= 17; at++) {
        for (int k = 0; k < SPECIALS.length; k++) {
          taken[k] += sameAsFullPath(spliced(line, start + at, SPECIALS[k])) ? 1 : 0;
        }
      }
    }
    // Raw quotes, control bytes and non-ASCII bytes always leave the line to the full path, and so do
    // escapes in names and timestamps; escapes in the two texts (18 positions each) are read here.
    assertThat(taken).as("lines taken with each special byte").containsExactly(36, 36, 0, 0, 0, 0, 0, 0);
  }

  /**
   * Texts with escapes are remembered by their bytes as written: one line after another, the same
   * escaped reason is the same String, and texts that differ only in their escapes, or not escaped
   * at all, are each read as the full path reads them.
   */
  @Test
  void escapedTextsOneLineAfterAnotherAreEachReadAsTheFullPathReadsThem() throws IOException {
    String[] reasons = {"Post \\\"https://api.ecr\\\"", "Post \\\\https://api.ecr\\\\", "Post \\/https:\\/\\/api.ecr",
        "Post https://api.ecr", "Post \\\"https://api.ecr\\\"", "Post \\t\\\"https://api.ecr\\\"\\n"};
    String[] read = new String[reasons.length];
    for (int k = 0; k < reasons.length; k++) {
      ObjectNode event = taskEvent();
      ((ObjectNode) event.get("detail")).put("stoppedReason", "placeholder");
      byte[] line = bytes(event.toString().replace("placeholder", reasons[k]));
      assertThat(sameAsFullPath(line)).as("line with %s", reasons[k]).isTrue();
      read[k] = ((StoppedTask) fast.read(line, 0, line.length).signal()).stoppedReason();
    }
    assertThat(read).containsExactly("Post \"https://api.ecr\"", "Post \\https://api.ecr\\", "Post /https://api.ecr",
        "Post https://api.ecr", "Post \"https://api.ecr\"", "Post \t\"https://api.ecr\"\n");
    assertThat(read[4]).as("the same escaped text seen again").isSameAs(read[0]);
  }

  /**
   * A task event's {@code resources} name its task, which the signal takes from the detail: the fast
   * path skips them, and still leaves to the full path what it would not read in a string it keeps.
   */
  @Test
  void aTaskEventsResourcesAreCheckedButNotKept() throws IOException {
    for (String resources : new String[] {"[\"arn:aws:ecs:eu-west-1:1:task/c/0123\"]", "[\"a\\\"b\"]", "[]",
        "[1, {\"x\": [null]}]", "null", "[\"\\u0041\"]", "[\"a\\qb\"]"}) {
      ObjectNode event = taskEvent();
      event.putNull("resources");
      byte[] line = bytes(event.toString().replace("\"resources\":null", "\"resources\":" + resources));
      boolean taken = sameAsFullPath(line);
      assertThat(taken).as("taken with resources %s", resources).isEqualTo(!resources.contains("\\u") && !resources.contains("\\q"));
    }
  }

  /** Spliced into a string: an escaped quote, an escaped backslash, then bytes that leave the line. */
  private static final byte[][] SPECIALS = {bytes("\\\""), bytes("\\\\"), bytes("\""), {0x01}, {0x1f}, {'\t'},
      {(byte) 0xc3, (byte) 0xa9}, {(byte) 0x80}};

  @Test
  void aLineCutInsideOrRightAfterItsLastStringIsNotReadPastItsEnd() throws IOException {
    ObjectNode event = taskEvent();
    event.put("zzLast", "a text at the very end of the line"); // appended: the line ends with this string
    byte[] whole = bytes(event.toString());
    assertThat(sameAsFullPath(whole)).as("the whole line").isTrue();
    for (int cut = 1; cut <= 40; cut++) {
      // In place, the bytes after the cut are the rest of the line: read past the end, they would complete it.
      assertThat(fast.read(whole, 0, whole.length - cut)).as("cut %s bytes before the end", cut).isNull();
      assertThat(fast.read(Arrays.copyOf(whole, whole.length - cut), 0, whole.length - cut)).isNull();
    }
  }

  /** The index in {@code line} right after {@code text}. */
  private static int after(String line, String text) {
    assertThat(line).contains(text);
    return line.indexOf(text) + text.length();
  }

  private static ObjectNode taskEvent() {
    return (ObjectNode) Corpus.all().stream()
        .filter(e -> e.path("detail-type").asText().equals("ECS Task State Change")).findFirst().orElseThrow()
        .deepCopy();
  }

  private static byte[] spliced(String line, int at, byte[] inserted) {
    byte[] b = bytes(line);
    byte[] out = new byte[b.length + inserted.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(b, at, out, at + inserted.length, b.length - at);
    return out;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The same line read in place inside a larger array, at an offset of each alignment, between
   * bytes that would change its reading were they taken for its own (quotes, backslashes, closing
   * brackets): the answer is the line's alone.
   */
  private void assertSameInPlace(byte[] line, SourcedSignal alone) {
    int offset = (Arrays.hashCode(line) & 0x7fffffff) % 17;
    byte[] around = new byte[offset + line.length + 17];
    byte[] garbage = bytes("\"\\}],\" ");
    for (int k = 0; k < around.length; k++) {
      around[k] = garbage[k % garbage.length];
    }
    System.arraycopy(line, 0, around, offset, line.length);
    assertThat(fast.read(around, offset, line.length)).as("the line read in place at %s", offset).isEqualTo(alone);
  }

  /**
   * Hook state changes are rare (a few per deployment): the fast path leaves them to the full path,
   * which reads them, so an archive line of one is classified all the same.
   */
  @Test
  void hookStateChangesAreLeftToTheFullPathWhichReadsThem() throws Exception {
    List<JsonNode> hooks = Corpus.all().stream()
        .filter(e -> e.path("detail-type").asText().equals("ECS Hook State Change")).toList();
    assertThat(hooks).as("hook events in the corpus").hasSizeGreaterThanOrEqualTo(3);
    for (JsonNode hook : hooks) {
      byte[] line = hook.toString().getBytes(StandardCharsets.UTF_8);
      assertThat(fast.read(line, 0, line.length)).as("fast path on %s", hook.path("detail").path("eventName")).isNull();
      assertThat(parser.parse(hook).signals()).as("full path").hasSize(1);
    }
  }

  /** Asserts the fast path agrees with the full path on this line, alone and in place; true when it took the line. */
  private boolean sameAsFullPath(byte[] line) throws IOException {
    SourcedSignal quick = fast.read(line, 0, line.length);
    assertSameInPlace(line, quick);
    if (quick == null) {
      return false;
    }
    JsonNode tree = JSON.readTree(line);
    SignalParser.Parsed full;
    try {
      full = parser.parse(tree);
    } catch (MalformedSignalException e) {
      throw new AssertionError("the fast path took a line the full path refuses (" + e.getMessage() + "): "
          + new String(line, StandardCharsets.UTF_8));
    }
    assertThat(full.signals()).as("the full path's signals").containsExactly(quick);
    assertThat(classifier.classify(quick.signal())).isEqualTo(classifier.classify(full.signals().get(0).signal()));
    return true;
  }
}
