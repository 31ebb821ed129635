package io.ecsgate.classifier.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.MalformedSignalException;
import io.ecsgate.classifier.SignalParser;
import io.ecsgate.classifier.SourcedSignal;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Streams signals out of a file or stdin in bounded memory, whatever shape the user has (JSON
 * lines, a document, an array; see {@link JsonValueReader}): each value becomes its signals, a
 * skipped item, or one malformed item, and reading goes on. Lines of JSON lines that are ordinary
 * EventBridge events take a fast path ({@link FastEventReader}) with the same result. A value that
 * is an envelope (SNS, SQS, CloudWatch Logs; {@link Envelopes}) is opened and each value inside is
 * read as if it came bare, at {@code FILE:LINE} plus its path in the envelope. Not thread-safe (the
 * fast path keeps its buffers): one reader per thread.
 */
public final class SignalFileReader {
  private final JsonValueReader values;
  private final SignalParser parser;
  private final FastEventReader fast;
  private final Envelopes envelopes = new Envelopes();

  public SignalFileReader(ObjectMapper mapper) {
    this(mapper, new JsonValueReader());
  }

  SignalFileReader(ObjectMapper mapper, JsonValueReader values) {
    this.values = values;
    this.parser = new SignalParser(mapper);
    this.fast = new FastEventReader();
  }

  public void read(InputStream in, String name, Consumer<InputItem> sink) throws IOException {
    values.read(in, name, sinkFor(sink));
  }

  /**
   * Whether an input that starts with {@code head} is JSON lines, read as {@link #read} would read
   * it. False when the head cannot tell (its first non-blank line does not end in it, unless it is
   * the {@code wholeInput}) or when the input is a document: then only {@link #read} may read it.
   */
  public boolean startsJsonLines(byte[] head, int length, boolean wholeInput) {
    return values.startsJsonLines(head, length, wholeInput);
  }

  /**
   * One line of JSON lines, {@code [offset, offset + length)} without its line break (a blank one
   * gives nothing), read exactly as {@link #read} reads each line of such an input. For callers that split
   * lines themselves: classify reads a large input in blocks, on every core, one reader per thread.
   */
  public void readLine(String location, byte[] bytes, int offset, int length, Consumer<InputItem> sink) {
    values.line(location, bytes, offset, length, sinkFor(sink));
  }

  /**
   * The signal of one line of JSON lines when the fast path reads it, the same {@link #readLine}
   * would deliver; else null, and only {@link #readLine} may read the line (blank, another shape,
   * an error to word). For a caller that reads an archive in blocks: an ordinary line goes from its
   * bytes to its signal without a callback or an item around it.
   */
  public SourcedSignal fastSignal(byte[] bytes, int offset, int length) {
    int skip = JsonValueReader.timestampPrefixLength(bytes, offset, length);
    return fast.read(bytes, offset + skip, length - skip);
  }

  /** A line longer than {@link JsonValueReader#MAX_ITEM_BYTES}, as {@link #read} reports one. */
  public void lineTooLong(String location, long length, Consumer<InputItem> sink) {
    values.lineTooLong(location, length, sinkFor(sink));
  }

  private JsonValueReader.Sink sinkFor(Consumer<InputItem> sink) {
    return new JsonValueReader.Sink() {
      @Override
      public void value(String location, JsonNode value) {
        deliver(value, location, sink);
      }

      @Override
      public void malformed(String location, String problem) {
        sink.accept(new InputItem.Malformed(location, problem));
      }

      @Override
      public boolean line(String location, byte[] bytes, int offset, int length) {
        SourcedSignal signal = fast.read(bytes, offset, length);
        if (signal == null) {
          return false;
        }
        sink.accept(new InputItem.Signal(location, signal));
        return true;
      }
    };
  }

  private void deliver(JsonNode value, String location, Consumer<InputItem> sink) {
    envelopes.open(value, location, content -> {
      if (content instanceof Envelopes.Content.Value v) {
        parse(v.value(), v.location(), sink);
      } else if (content instanceof Envelopes.Content.Skipped s) {
        sink.accept(new InputItem.Skipped(s.location(), s.why()));
      } else if (content instanceof Envelopes.Content.Malformed m) {
        sink.accept(new InputItem.Malformed(m.location(), m.problem()));
      }
    });
  }

  private void parse(JsonNode value, String location, Consumer<InputItem> sink) {
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
      String where = Envelopes.at(location, s.path());
      sink.accept(new InputItem.Signal(where, s));
    }
  }
}
