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
    values.read(in, name, new JsonValueReader.Sink() {
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
    });
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
      String where = s.path().isEmpty() ? location : location + " " + s.path();
      sink.accept(new InputItem.Signal(where, s));
    }
  }
}
