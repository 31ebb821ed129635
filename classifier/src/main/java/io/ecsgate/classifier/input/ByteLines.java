package io.ecsgate.classifier.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines of bytes without decoding them: the JSON parser reads UTF-8 itself,
 * and skipping a String per line is most of the cost of reading an archive. The returned line is
 * valid until the next call.
 */
final class ByteLines {
  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;
  private byte[] line = new byte[4096];
  private int lineLength;

  ByteLines(InputStream in) {
    this.in = in;
  }

  /** Reads the next line (without its '\n' or '\r\n'); false at the end of the stream. */
  boolean next() throws IOException {
    lineLength = 0;
    while (true) {
      for (int i = start; i < end; i++) {
        if (buf[i] == '\n') {
          append(start, i);
          start = i + 1;
          trimCarriageReturn();
          return true;
        }
      }
      append(start, end);
      start = end;
      if (eof || !fill()) {
        eof = true;
        trimCarriageReturn();
        return lineLength > 0;
      }
    }
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLength;
  }

  /** Whether the line is only white space. */
  boolean isBlank() {
    for (int i = 0; i < lineLength; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** The bytes not yet returned as lines: what a document parser must read after the first line. */
  InputStream rest() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (start < end) {
          int n = Math.min(len, end - start);
          System.arraycopy(buf, start, b, off, n);
          start += n;
          return n;
        }
        return in.read(b, off, len);
      }
    };
  }

  private boolean fill() throws IOException {
    start = 0;
    end = 0;
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    end = n;
    return true;
  }

  private void append(int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return;
    }
    if (lineLength + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
    }
    System.arraycopy(buf, from, line, lineLength, n);
    lineLength += n;
  }

  private void trimCarriageReturn() {
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
  }
}
