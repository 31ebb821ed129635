package io.ecsgate.classifier.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.MalformedSignalException;
import io.ecsgate.classifier.SignalParser;
import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.internal.Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Streams signals out of a file or stdin in constant memory, whatever shape the user has:
 *
 * <ul>
 *   <li><b>JSON lines</b> (an archive export): one value per line; a malformed line is reported
 *       and reading goes on with the next. Lines of a CloudWatch Logs export to S3 start with a
 *       timestamp before the JSON; it is skipped.
 *   <li><b>a document</b>: one pretty-printed value, several in a row, or a JSON array of events,
 *       read element by element. A syntax error ends the document (JSON cannot be resynchronised),
 *       after everything before it was delivered.
 * </ul>
 *
 * The shape is told from the first non-blank line: if it is a whole JSON value, the input is JSON
 * lines. Input is UTF-8; lines are handed to the parser as bytes, undecoded, for speed.
 */
public final class SignalFileReader {
  private final ObjectMapper mapper;
  private final SignalParser parser;

  public SignalFileReader(ObjectMapper mapper) {
    this.mapper = mapper;
    this.parser = new SignalParser(mapper);
  }

  public void read(InputStream in, String name, Consumer<InputItem> sink) throws IOException {
    ByteLines lines = new ByteLines(in);
    int lineNo = 0;
    int blankBefore = 0;
    boolean found = false;
    while (lines.next()) {
      lineNo++;
      if (!lines.isBlank()) {
        found = true;
        break;
      }
      blankBefore++;
    }
    if (!found) {
      return;
    }
    byte[] first = Arrays.copyOf(lines.bytes(), lines.length());
    int skip = timestampPrefixLength(first, first.length);
    if (isIncompleteJson(first, skip)) {
      byte[] head = new byte[blankBefore + first.length + 1];
      Arrays.fill(head, 0, blankBefore, (byte) '\n');
      System.arraycopy(first, 0, head, blankBefore, first.length);
      head[head.length - 1] = '\n';
      readDocument(new SequenceInputStream(new ByteArrayInputStream(head), lines.rest()), name, sink);
      return;
    }
    deliverLine(first, first.length, lineNo, name, sink);
    while (lines.next()) {
      lineNo++;
      if (!lines.isBlank()) {
        deliverLine(lines.bytes(), lines.length(), lineNo, name, sink);
      }
    }
  }

  private void deliverLine(byte[] bytes, int length, int lineNo, String name, Consumer<InputItem> sink) {
    String location = name + ":" + lineNo;
    int skip = timestampPrefixLength(bytes, length);
    JsonNode value;
    try {
      value = mapper.readTree(new ByteArrayInputStream(bytes, skip, length - skip));
    } catch (JsonProcessingException e) {
      sink.accept(new InputItem.Malformed(location, "malformed JSON: " + problem(e)));
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    deliver(value, location, sink);
  }

  private void readDocument(InputStream in, String name, Consumer<InputItem> sink) throws IOException {
    try (JsonParser p = mapper.getFactory().createParser(in)) {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        if (token == JsonToken.START_ARRAY) {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            String location = name + ":" + p.currentTokenLocation().getLineNr();
            deliver(p.readValueAsTree(), location, sink);
          }
        } else {
          String location = name + ":" + p.currentTokenLocation().getLineNr();
          deliver(p.readValueAsTree(), location, sink);
        }
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      sink.accept(new InputItem.Malformed(name + ":" + line,
          "malformed JSON: " + problem(e) + " (the rest of this input is not read)"));
    }
  }

  private void deliver(JsonNode value, String location, Consumer<InputItem> sink) {
    if (value == null || value.isMissingNode()) {
      return;
    }
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        deliver(value.get(i), location + " [" + i + "]", sink);
      }
      return;
    }
    SignalParser.Parsed parsed;
    try {
      parsed = parser.parse(value);
    } catch (MalformedSignalException e) {
      sink.accept(new InputItem.Malformed(location, e.getMessage()));
      return;
    }
    if (parsed.skippedBecause() != null) {
      sink.accept(new InputItem.Skipped(location, parsed.skippedBecause()));
      return;
    }
    for (SourcedSignal s : parsed.signals()) {
      String where = s.path().isEmpty() ? location : location + " " + s.path();
      sink.accept(new InputItem.Signal(where, s));
    }
  }

  /** True when the line starts a JSON value that does not end on it (a pretty-printed document). */
  private boolean isIncompleteJson(byte[] line, int from) {
    int i = from;
    while (i < line.length && (line[i] == ' ' || line[i] == '\t')) {
      i++;
    }
    if (i == line.length || (line[i] != '{' && line[i] != '[')) {
      return false;
    }
    try (JsonParser p = mapper.getFactory().createParser(line, i, line.length - i)) {
      while (p.nextToken() != null) {
        p.skipChildren();
      }
      return false;
    } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Length of a leading {@code 2023-04-14T18:07:00.681Z } (a CloudWatch Logs export to S3 puts the
   * timestamp before each event), or 0.
   */
  private static int timestampPrefixLength(byte[] line, int length) {
    if (length < 11 || line[0] < '0' || line[0] > '9' || line[4] != '-' || line[10] != 'T') {
      return 0;
    }
    int i = 11;
    while (i < length && line[i] != ' ' && line[i] != '\t') {
      i++;
    }
    while (i < length && (line[i] == ' ' || line[i] == '\t')) {
      i++;
    }
    return i < length && (line[i] == '{' || line[i] == '[') ? i : 0;
  }

  private static String problem(JsonProcessingException e) {
    return Text.oneLine(e.getOriginalMessage(), 160);
  }
}
