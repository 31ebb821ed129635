package io.ecsgate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The process's stdout as the commands print to it, in UTF-8, which also takes text that is UTF-8
 * already: classify's workers encode their verdicts themselves ({@link Utf8Buffer}), and the
 * printing thread then only copies bytes, in order with what it prints itself. Text is passed on
 * to the stream in chunks of 8 KB, as an {@code OutputStreamWriter} does, and on {@link #flush()}.
 */
final class Utf8Stdout extends PrintWriter {
  Utf8Stdout(OutputStream stream) {
    super(new Encoder(stream), false);
  }

  /** Writes what {@code text} holds after everything printed before it; a failure is kept as PrintWriter keeps one. */
  void write(Utf8Buffer text) {
    synchronized (lock) {
      try {
        ((Encoder) out).append(text);
      } catch (IOException e) {
        setError();
      }
    }
  }

  /** Encodes into a buffer of its own, which goes to the stream when it holds a chunk. */
  private static final class Encoder extends Writer {
    private static final int CHUNK = 8192;
    private final OutputStream stream;
    private final Utf8Buffer pending = new Utf8Buffer(2 * CHUNK);

    Encoder(OutputStream stream) {
      this.stream = stream;
    }

    @Override
    public void write(int c) throws IOException {
      pending.write(c);
      drainIfFull();
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
      pending.write(chars, off, len);
      drainIfFull();
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      pending.write(s, off, len);
      drainIfFull();
    }

    void append(Utf8Buffer text) throws IOException {
      if (text.size() < CHUNK) {
        pending.append(text);
        drainIfFull();
      } else {
        // A whole block of verdicts: straight to the stream, without a copy.
        pending.writeTo(stream);
        pending.reset();
        text.writeTo(stream);
      }
    }

    private void drainIfFull() throws IOException {
      if (pending.size() >= CHUNK) {
        pending.drainTo(stream);
      }
    }

    @Override
    public void flush() throws IOException {
      pending.drainTo(stream);
      stream.flush();
    }

    @Override
    public void close() throws IOException {
      pending.writeTo(stream); // the end: a surrogate still waiting for its pair ends as '?'
      pending.reset();
      stream.close();
    }
  }
}
