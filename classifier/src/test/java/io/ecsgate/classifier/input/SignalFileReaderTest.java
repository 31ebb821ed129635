package io.ecsgate.classifier.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalFileReaderTest {
  private static final String STOP = "{\"detail-type\":\"ECS Task State Change\",\"detail\":"
      + "{\"lastStatus\":\"STOPPED\",\"stopCode\":\"UserInitiated\"}}";

  private final SignalFileReader reader = new SignalFileReader(new ObjectMapper());

  private List<InputItem> read(String text) throws Exception {
    List<InputItem> items = new ArrayList<>();
    reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "in.json", items::add);
    return items;
  }

  private static List<String> describe(List<InputItem> items) {
    return items.stream().map(i -> i.getClass().getSimpleName() + "@" + i.location()).toList();
  }

  @Test
  void anEnvelopedEventIsReadAsTheBareOneAtItsPathAndWhatIsNotEcsIsSkippedAsABareItemIs() throws Exception {
    String badExit = STOP.replace("\"stopCode\"", "\"containers\":[{\"exitCode\":\"137\"}],\"stopCode\"");
    String notEcs = "{\"hello\": 1}";
    List<InputItem> bare = read(STOP + "\n" + notEcs + "\n");
    List<InputItem> items = read(EnvelopeSamples.sns(STOP, badExit, notEcs) + "\n"
        + EnvelopeSamples.sqs(EnvelopeSamples.notification(STOP).toString()) + "\n");

    assertThat(describe(items)).containsExactly("Signal@in.json:1 Records[0].Sns.Message",
        "Malformed@in.json:1 Records[1].Sns.Message", "Skipped@in.json:1 Records[2].Sns.Message",
        "Signal@in.json:2 Records[0].body.Message");
    assertThat(((InputItem.Signal) items.get(0)).signal()).isEqualTo(((InputItem.Signal) bare.get(0)).signal());
    assertThat(((InputItem.Malformed) items.get(1)).problem()).startsWith("detail.containers[0].exitCode: expected a whole number");
    assertThat(((InputItem.Skipped) items.get(2)).why()).isEqualTo(((InputItem.Skipped) bare.get(1)).why());
  }

  @Test
  void jsonLinesGoOnAfterAMalformedLine() throws Exception {
    List<InputItem> items = read(STOP + "\n{\"detail-type\": oops}\n\n" + STOP + "\n");

    assertThat(describe(items)).containsExactly("Signal@in.json:1", "Malformed@in.json:2", "Signal@in.json:4");
    assertThat(((InputItem.Malformed) items.get(1)).problem()).startsWith("malformed JSON: ").doesNotContain("\n");
  }

  @Test
  void prettyPrintedDocumentsAndSeveralInARowAreRead() throws Exception {
    String pretty = "{\n  \"detail-type\": \"ECS Task State Change\",\n  \"detail\": {\"lastStatus\": \"STOPPED\"}\n}\n";

    assertThat(describe(read(pretty + pretty))).containsExactly("Signal@in.json:1", "Signal@in.json:5");
  }

  @Test
  void arraysAreReadElementByElementWithTheirLines() throws Exception {
    List<InputItem> items = read("[\n" + STOP + ",\n" + STOP + ",\n{\"hello\": 1}\n]\n");

    assertThat(describe(items)).containsExactly("Signal@in.json:2", "Signal@in.json:3", "Skipped@in.json:4");
  }

  @Test
  void aSyntaxErrorInADocumentReportsItsLineAndKeepsWhatCameBefore() throws Exception {
    List<InputItem> items = read("[\n" + STOP + ",\n{\"detail-type\": ,\n" + STOP + "\n]\n");

    assertThat(describe(items)).containsExactly("Signal@in.json:2", "Malformed@in.json:3");
  }

  @Test
  void cloudWatchLogsExportLinesWithTimestampsAreRead() throws Exception {
    List<InputItem> items = read("2023-04-14T18:07:00.681Z " + STOP + "\n2023-04-14T18:08:00.000Z " + STOP + "\n");

    assertThat(describe(items)).containsExactly("Signal@in.json:1", "Signal@in.json:2");
  }

  @Test
  void describeTasksOutputYieldsOneItemPerStoppedTask() throws Exception {
    List<InputItem> items = read("{\n \"tasks\": [\n {\"taskArn\": \"a\", \"lastStatus\": \"STOPPED\"},\n"
        + " {\"taskArn\": \"b\", \"lastStatus\": \"STOPPED\"}\n ],\n \"failures\": []\n}\n");

    assertThat(describe(items)).containsExactly("Signal@in.json:1 tasks[0]", "Signal@in.json:1 tasks[1]");
  }

  @Test
  void wrongTypesAreMalformedItemsAndTheRestIsRead() throws Exception {
    String bad = STOP.replace("\"UserInitiated\"", "42");

    assertThat(describe(read(bad + "\n" + STOP + "\n"))).containsExactly("Malformed@in.json:1", "Signal@in.json:2");
  }

  @Test
  void windowsLineEndingsAndLinesLongerThanTheBufferAreRead() throws Exception {
    String padded = STOP.replace("\"UserInitiated\"}", "\"UserInitiated\", \"stoppedReason\": \"" + "x".repeat(200_000) + "\"}");

    assertThat(describe(read(padded + "\r\n" + STOP + "\r\n"))).containsExactly("Signal@in.json:1", "Signal@in.json:2");
  }

  @Test
  void invalidUtf8IsAMalformedLineNotTheEndOfTheInput() throws Exception {
    byte[] bad = (STOP.replace("UserInitiated", "User\u00ffInitiated") + "\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] good = (STOP + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] both = new byte[bad.length + good.length];
    System.arraycopy(bad, 0, both, 0, bad.length);
    System.arraycopy(good, 0, both, bad.length, good.length);
    List<InputItem> items = new ArrayList<>();

    reader.read(new ByteArrayInputStream(both), "in.json", items::add);

    assertThat(describe(items)).containsExactly("Malformed@in.json:1", "Signal@in.json:2");
    assertThat(((InputItem.Malformed) items.get(0)).problem()).contains("UTF-8");
  }

  @Test
  void emptyInputYieldsNothing() throws Exception {
    assertThat(read("\n  \n")).isEmpty();
  }

  @Test
  void aNumberNoClockCanHoldIsOneMalformedLineAndTheNextLineIsRead() throws Exception {
    String huge = STOP.replace("\"UserInitiated\"}", "\"UserInitiated\", \"stoppedAt\": 1e999}");
    String large = STOP.replace("\"UserInitiated\"}", "\"UserInitiated\", \"stoppedAt\": 1e20}");

    List<InputItem> items = read(STOP + "\n" + huge + "\n" + large + "\n" + STOP + "\n");

    assertThat(describe(items)).containsExactly("Signal@in.json:1", "Malformed@in.json:2", "Malformed@in.json:3",
        "Signal@in.json:4");
    assertThat(((InputItem.Malformed) items.get(1)).problem()).startsWith("detail.stoppedAt: expected a timestamp");
  }

  /** The bound lowered to 4 KB, so that items above it stay small enough for a unit test. */
  private List<InputItem> readBounded(String text) throws Exception {
    List<InputItem> items = new ArrayList<>();
    new SignalFileReader(new ObjectMapper(), new JsonValueReader(4096))
        .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "in.json", items::add);
    return items;
  }

  private static String withReason(int reasonLength) {
    return STOP.replace("}}", ",\"stoppedReason\":\"" + "x".repeat(reasonLength) + "\"}}");
  }

  @Test
  void aLineLongerThanTheBoundIsOneItemTooLargeAndTheNextLinesAreRead() throws Exception {
    String tooLong = withReason(100_000);

    List<InputItem> items = readBounded(STOP + "\n" + tooLong + "\r\n" + STOP + "\n" + withReason(3_000) + "\n");

    assertThat(describe(items)).containsExactly("Signal@in.json:1", "Malformed@in.json:2", "Signal@in.json:3",
        "Signal@in.json:4");
    assertThat(((InputItem.Malformed) items.get(1)).problem()).isEqualTo("item too large: this line is "
        + tooLong.length() + " bytes, more than the 4096 bytes one item may take; skipped");
  }

  @Test
  void aFirstLineLongerThanTheBoundIsReportedAndTheRestReadAsJsonLines() throws Exception {
    assertThat(describe(readBounded(withReason(100_000) + "\n" + STOP + "\n")))
        .containsExactly("Malformed@in.json:1", "Signal@in.json:2");
  }

  @Test
  void aLineOfExactlyTheBoundIsRead() throws Exception {
    String line = withReason(4096 - withReason(0).length());

    assertThat(line).hasSize(4096);
    assertThat(describe(readBounded(line + "\r\n" + STOP))).containsExactly("Signal@in.json:1", "Signal@in.json:2");
  }

  @Test
  void aValueOfADocumentLargerThanTheBoundIsSkippedAndTheNextValuesAreRead() throws Exception {
    String array = "[\n" + STOP + ",\n" + withReason(100_000) + ",\n" + STOP + ",\n" + withReason(3_000) + "\n]\n";
    String pretty = "{\n  \"detail-type\": \"ECS Task State Change\",\n  \"detail\": {\"lastStatus\": \"STOPPED\", "
        + "\"stoppedReason\": \"" + "y".repeat(200_000) + "\"}\n}\n";
    String small = "{\n  \"detail-type\": \"ECS Task State Change\",\n  \"detail\": {\"lastStatus\": \"STOPPED\"}\n}\n";

    List<InputItem> fromArray = readBounded(array);
    List<InputItem> inARow = readBounded(small + pretty + small);

    assertThat(describe(fromArray)).containsExactly("Signal@in.json:2", "Malformed@in.json:3", "Signal@in.json:4",
        "Signal@in.json:5");
    assertThat(((InputItem.Malformed) fromArray.get(1)).problem())
        .startsWith("item too large: this value is 100").endsWith(" bytes, more than the 4096 bytes one item may take; skipped");
    assertThat(describe(inARow)).containsExactly("Signal@in.json:1", "Malformed@in.json:5", "Signal@in.json:9");
  }

  @Test
  void nestingDeeperThanTheParserAllowsIsAMalformedLine() throws Exception {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);

    List<InputItem> items = read(deep + "\n" + STOP + "\n");

    assertThat(describe(items)).containsExactly("Malformed@in.json:1", "Signal@in.json:2");
    assertThat(((InputItem.Malformed) items.get(0)).problem()).contains("nesting depth");
  }
}
