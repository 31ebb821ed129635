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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * lines.
 */
public final class SignalFileReader {
  /** {@code 2023-04-14T18:07:00.681Z {...}}: a timestamp, white space, then the event. */
  private static final Pattern TIMESTAMP_PREFIX = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S*\\s+(?=[\\[{])");

  private final ObjectMapper mapper;
  private final SignalParser parser;

  public SignalFileReader(ObjectMapper mapper) {
    this.mapper = mapper;
    this.parser = new SignalParser(mapper);
  }

  public void read(Reader in, String name, Consumer<InputItem> sink) throws IOException {
    BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    StringBuilder leadingBlank = new StringBuilder();
    int lineNo = 0;
    String first;
    while ((first = reader.readLine()) != null) {
      lineNo++;
      if (!first.isBlank()) {
        break;
      }
      leadingBlank.append('\n');
    }
    if (first == null) {
      return;
    }
    String firstJson = stripTimestamp(first);
    if (isIncompleteJson(firstJson)) {
      Reader whole = new ConcatReader(new StringReader(leadingBlank + first + "\n"), reader);
      readDocument(whole, name, sink);
    } else {
      readLines(reader, first, lineNo, name, sink);
    }
  }

  private void readLines(BufferedReader reader, String first, int firstLineNo, String name,
      Consumer<InputItem> sink) throws IOException {
    int lineNo = firstLineNo;
    String line = first;
    while (line != null) {
      if (!line.isBlank()) {
        String location = name + ":" + lineNo;
        JsonNode value;
        try {
          value = mapper.readTree(stripTimestamp(line));
          deliver(value, location, sink);
        } catch (JsonProcessingException e) {
          sink.accept(new InputItem.Malformed(location, "malformed JSON: " + problem(e)));
        }
      }
      line = reader.readLine();
      lineNo++;
    }
  }

  private void readDocument(Reader reader, String name, Consumer<InputItem> sink) throws IOException {
    try (JsonParser p = mapper.getFactory().createParser(reader)) {
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
  private boolean isIncompleteJson(String line) {
    String t = line.strip();
    if (!(t.startsWith("{") || t.startsWith("["))) {
      return false;
    }
    try (JsonParser p = mapper.getFactory().createParser(t)) {
      p.skipChildren();
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

  private static String stripTimestamp(String line) {
    Matcher m = TIMESTAMP_PREFIX.matcher(line);
    return m.find() ? line.substring(m.end()) : line;
  }

  private static String problem(JsonProcessingException e) {
    return Text.oneLine(e.getOriginalMessage(), 160);
  }

  /** Reads one reader to its end, then the next: puts back the line used to tell the shape. */
  private static final class ConcatReader extends Reader {
    private final Reader first;
    private final Reader second;
    private boolean firstDone;

    ConcatReader(Reader first, Reader second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      if (!firstDone) {
        int n = first.read(buf, off, len);
        if (n >= 0) {
          return n;
        }
        firstDone = true;
      }
      return second.read(buf, off, len);
    }

    @Override
    public void close() throws IOException {
      first.close();
      second.close();
    }
  }
}
