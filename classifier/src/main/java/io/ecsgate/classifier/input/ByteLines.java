package io.ecsgate.classifier.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a stream into lines of bytes without decoding them: the JSON parser reads UTF-8 itself,
 * and skipping a String per line is most of the cost of reading an archive. The returned line is
 * valid until the next call.
 *
 * <p>A line keeps at most {@code maxLength} bytes: the rest of a longer one is read and dropped
 * (only its length is counted), so that one enormous line can neither exhaust the heap nor hide
 * the lines after it.
 */
final class ByteLines {
  private final InputStream in;
  private final int maxLength;
  private byte[] buf = new byte[1 << 16];
  private int start;
  private int end;
  private boolean eof;
  private byte[] line;
  private int lineLength;
  private long fullLength;
  private byte lastByte; // of the line, kept or not: a dropped '\r' must not count

  ByteLines(InputStream in, int maxLength) {
    this.in = in;
    this.maxLength = maxLength;
    this.line = new byte[Math.min(4096, maxLength)];
  }

  /** Reads the next line (without its '\n' or '\r\n'); false at the end of the stream. */
  boolean next() throws IOException {
    lineLength = 0;
    fullLength = 0;
    lastByte = 0;
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
        return fullLength > 0;
      }
    }
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLength;
  }

  /** Whether the line was longer than the bound: then {@link #bytes()} holds only its start. */
  boolean isTooLong() {
    return fullLength > lineLength;
  }

  /** The line's length in bytes, including what was dropped of a line too long. */
  long fullLength() {
    return fullLength;
  }

  /** Whether the line is only white space. */
  boolean isBlank() {
    return JsonValueReader.isBlank(line, 0, lineLength);
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
    fullLength += n;
    lastByte = buf[to - 1];
    int kept = Math.min(n, maxLength - lineLength);
    if (kept <= 0) {
      return;
    }
    if (lineLength + kept > line.length) {
      line = Arrays.copyOf(line, Math.min(maxLength, Math.max(line.length * 2, lineLength + kept)));
    }
    System.arraycopy(buf, from, line, lineLength, kept);
    lineLength += kept;
  }

  private void trimCarriageReturn() {
    if (fullLength > 0 && lastByte == '\r') {
      fullLength--;
      lineLength = (int) Math.min(lineLength, fullLength);
    }
  }
}
