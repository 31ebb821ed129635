package io.ecsgate.classifier.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.internal.Text;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Arrays;

/**
 * Splits a file or stdin into JSON values, each with its {@code FILE:LINE}, whatever shape the
 * user has; a value that cannot be read is one problem line and reading goes on where JSON allows:
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
 * lines. Input is UTF-8; lines are handed to the parser as bytes, undecoded, for speed. An array
 * is delivered element by element ({@code FILE:LINE [i]} inside a line).
 *
 * <p>Memory stays bounded whatever the input: one item (a line, or a value of a document) may
 * take {@link #MAX_ITEM_BYTES}; a larger one is reported as too large and skipped without ever
 * being held whole, and the items after it are read.
 */
public final class JsonValueReader {
  /**
   * The most one item may take. An EventBridge event is at most 256 KB; the largest answer a user
   * feeds as one value is {@code aws ecs describe-tasks} of 100 tasks (its maximum), which measures
   * about 0.8 MB for typical Fargate tasks and 3 MB with ten containers and thirty environment
   * overrides each. 4 MiB holds that, and the tree of a 4 MiB item still fits the 64 MB heap the
   * README suggests for {@code classify} (8 MB does not).
   */
  public static final int MAX_ITEM_BYTES = 4 << 20;

  /** Receives what was read, in order. */
  public interface Sink {
    void value(String location, JsonNode value);

    void malformed(String location, String problem);

    /**
     * Offered each line of JSON lines first, its bytes after any timestamp prefix (valid only
     * during the call): true when the sink took it, and no tree is built for it.
     */
    default boolean line(String location, byte[] bytes, int offset, int length) {
      return false;
    }
  }

  private final ObjectMapper mapper;
  private final int maxItemBytes;

  public JsonValueReader() {
    this(MAX_ITEM_BYTES);
  }

  /** With another bound, for tests. */
  JsonValueReader(int maxItemBytes) {
    this.maxItemBytes = maxItemBytes;
    // A top-level string is parsed without being skipped first: bound it like an item.
    this.mapper = new ObjectMapper(JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxItemBytes).build())
        .build());
  }

  public void read(InputStream in, String name, Sink sink) throws IOException {
    ByteLines lines = new ByteLines(in, maxItemBytes);
    int lineNo = 0;
    int blankBefore = 0;
    boolean found = false;
    while (lines.next()) {
      lineNo++;
      if (lines.isTooLong() || !lines.isBlank()) {
        found = true;
        break;
      }
      blankBefore++;
    }
    if (!found) {
      return;
    }
    if (!lines.isTooLong()) {
      byte[] first = Arrays.copyOf(lines.bytes(), lines.length());
      if (isIncompleteJson(first, timestampPrefixLength(first, 0, first.length))) {
        byte[] head = new byte[blankBefore + first.length + 1];
        Arrays.fill(head, 0, blankBefore, (byte) '\n');
        System.arraycopy(first, 0, head, blankBefore, first.length);
        head[head.length - 1] = '\n';
        readDocument(new SequenceInputStream(new ByteArrayInputStream(head), lines.rest()), name, sink);
        return;
      }
    }
    deliverLine(lines, lineNo, name, sink);
    while (lines.next()) {
      lineNo++;
      if (lines.isTooLong() || !lines.isBlank()) {
        deliverLine(lines, lineNo, name, sink);
      }
    }
  }

  private void deliverLine(ByteLines line, int lineNo, String name, Sink sink) {
    String location = name + ":" + lineNo;
    if (line.isTooLong()) {
      lineTooLong(location, line.fullLength(), sink);
    } else {
      line(location, line.bytes(), 0, line.length(), sink);
    }
  }

  /**
   * One line of JSON lines, {@code [offset, offset + length)} without its line break, as
   * {@link #read} handles each: for callers that split the lines themselves (classify reads a large
   * file in blocks, on every core). A blank line gives nothing.
   */
  void line(String location, byte[] bytes, int offset, int length, Sink sink) {
    if (length == 0 || (bytes[offset] != '{' && isBlank(bytes, offset, offset + length))) {
      return;
    }
    int skip = timestampPrefixLength(bytes, offset, length);
    if (sink.line(location, bytes, offset + skip, length - skip)) {
      return;
    }
    JsonNode value;
    try {
      value = mapper.readTree(new ByteArrayInputStream(bytes, offset + skip, length - skip));
    } catch (JsonProcessingException e) {
      sink.malformed(location, "malformed JSON: " + problem(e));
      return;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // from bytes in memory: cannot happen
    }
    deliver(value, location, sink);
  }

  /** A line longer than one item may take: reported with its length, never held. */
  void lineTooLong(String location, long fullLength, Sink sink) {
    sink.malformed(location, tooLarge("this line is", fullLength));
  }

  /**
   * Whether an input starting with {@code head} is JSON lines, as {@link #read} would tell: its
   * first non-blank line is complete in {@code head} and a whole JSON value. False when that cannot
   * be told from the head (a first line longer than it): then only {@link #read} may read the input.
   */
  boolean startsJsonLines(byte[] head, int length, boolean wholeInput) {
    int start = 0;
    while (start < length) {
      int lineBreak = ByteWords.indexOf(head, start, length, (byte) '\n');
      int end = lineBreak < 0 ? length : lineBreak;
      if (end == length && !wholeInput) {
        return false; // the first non-blank line does not end in the head
      }
      int lineEnd = end > start && head[end - 1] == '\r' ? end - 1 : end;
      if (!isBlank(head, start, lineEnd)) {
        byte[] first = Arrays.copyOfRange(head, start, lineEnd);
        return !isIncompleteJson(first, timestampPrefixLength(first, 0, first.length));
      }
      start = end + 1;
    }
    return false; // nothing but blank lines: nothing to read either way
  }

  /** Whether {@code [from, to)} is only white space (spaces, tabs, a carriage return): a blank line. */
  static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Each item of a document is first skipped by the streaming parser, which holds none of it, while
   * {@link RecordingInput} keeps its bytes; an item no larger than the bound is then parsed from
   * those bytes, a larger one is reported and the next item is read.
   */
  private void readDocument(InputStream in, String name, Sink sink) throws IOException {
    RecordingInput recorded = new RecordingInput(in, maxItemBytes);
    try (JsonParser p = mapper.getFactory().createParser(recorded)) {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        if (token == JsonToken.START_ARRAY) {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            documentItem(p, recorded, name, sink);
          }
        } else {
          documentItem(p, recorded, name, sink);
        }
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      sink.malformed(name + ":" + line, "malformed JSON: " + problem(e) + " (the rest of this input is not read)");
    }
  }

  private void documentItem(JsonParser p, RecordingInput recorded, String name, Sink sink) throws IOException {
    String location = name + ":" + p.currentTokenLocation().getLineNr();
    if (!p.currentToken().isStructStart()) {
      deliver(p.readValueAsTree(), location, sink);
      return;
    }
    long start = p.currentTokenLocation().getByteOffset();
    recorded.mark(start);
    p.skipChildren();
    long end = p.currentLocation().getByteOffset();
    if (recorded.overflowed() || end - start > maxItemBytes) {
      sink.malformed(location, tooLarge("this value is", end - start));
      return;
    }
    deliver(recorded.parse(mapper, start, end), location, sink);
  }

  private void deliver(JsonNode value, String location, Sink sink) {
    if (value == null || value.isMissingNode()) {
      return;
    }
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        deliver(value.get(i), location + " [" + i + "]", sink);
      }
      return;
    }
    sink.value(location, value);
  }

  private String tooLarge(String what, long bytes) {
    return "item too large: " + what + " " + bytes + " bytes, more than the " + mebibytes(maxItemBytes)
        + " one item may take; skipped";
  }

  static String mebibytes(int bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
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
    } catch (JsonEOFException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Length of a leading {@code 2023-04-14T18:07:00.681Z } (a CloudWatch Logs export to S3 puts the
   * timestamp before each event), or 0.
   */
  static int timestampPrefixLength(byte[] line, int offset, int length) {
    if (length < 11 || line[offset] < '0' || line[offset] > '9' || line[offset + 4] != '-' || line[offset + 10] != 'T') {
      return 0;
    }
    int i = 11;
    while (i < length && line[offset + i] != ' ' && line[offset + i] != '\t') {
      i++;
    }
    while (i < length && (line[offset + i] == ' ' || line[offset + i] == '\t')) {
      i++;
    }
    return i < length && (line[offset + i] == '{' || line[offset + i] == '[') ? i : 0;
  }

  /** What a parser or a decompressor said, on one line: for the error lines of the readers in this package. */
  static String problem(IOException e) {
    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return Text.oneLine(message, 160);
  }
}
