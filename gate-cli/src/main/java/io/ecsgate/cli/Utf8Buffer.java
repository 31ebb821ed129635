package io.ecsgate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Writer that keeps what is written as UTF-8 bytes, as {@code OutputStreamWriter} would write
 * them (a surrogate without its pair as {@code ?}). classify's workers render their verdicts into
 * one, so that the encoding is done on every core, once: before, each verdict was widened into a
 * char buffer on a worker and encoded again on the printing thread, whose encoder fell back to its
 * slow loop for the rest of a chunk after the first "…" (a tenth of classify's CPU time, JFR).
 */
final class Utf8Buffer extends Writer {
  private byte[] bytes;
  private int count;
  /** A high surrogate whose low one may come with the next write; 0 when none. */
  private char high;

  Utf8Buffer(int capacity) {
    bytes = new byte[capacity];
  }

  @Override
  public void write(int c) {
    room(4);
    count = put((char) c, count);
  }

  @Override
  public void write(char[] chars, int off, int len) {
    // Jackson's JSON lines come as chunks of some 8,000 chars: one String a chunk costs nothing next to them.
    write(new String(chars, off, len), 0, len);
  }

  @Override
  public void write(String s, int off, int len) {
    room(3 * len + 1);
    byte[] b = bytes;
    int n = count;
    int k = off;
    int end = off + len;
    if (high == 0) {
      for (char c; k < end && (c = s.charAt(k)) < 0x80; k++) {
        b[n++] = (byte) c;
      }
    }
    for (; k < end; k++) {
      n = put(s.charAt(k), n);
    }
    count = n;
  }

  /** Encodes {@code c} at {@code n}; returns where the next byte goes. Room for four bytes is made. */
  private int put(char c, int n) {
    byte[] b = bytes;
    if (high != 0) {
      char h = high;
      high = 0;
      if (Character.isLowSurrogate(c)) {
        int cp = Character.toCodePoint(h, c);
        b[n++] = (byte) (0xF0 | cp >> 18);
        b[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
        b[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
        b[n++] = (byte) (0x80 | cp & 0x3F);
        return n;
      }
      b[n++] = '?';
    }
    if (c < 0x80) {
      b[n++] = (byte) c;
    } else if (c < 0x800) {
      b[n++] = (byte) (0xC0 | c >> 6);
      b[n++] = (byte) (0x80 | c & 0x3F);
    } else if (Character.isHighSurrogate(c)) {
      high = c;
    } else if (Character.isLowSurrogate(c)) {
      b[n++] = '?';
    } else {
      b[n++] = (byte) (0xE0 | c >> 12);
      b[n++] = (byte) (0x80 | c >> 6 & 0x3F);
      b[n++] = (byte) (0x80 | c & 0x3F);
    }
    return n;
  }

  private void room(int more) {
    if (bytes.length - count < more) {
      bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, count + more));
    }
  }

  /** Ends a high surrogate left without its pair, as the end of a stream would. */
  private void endPair() {
    if (high != 0) {
      high = 0;
      room(1);
      bytes[count++] = '?';
    }
  }

  /** Writes what was written, as UTF-8, to {@code out}; a surrogate left without its pair ends as {@code ?}. */
  void writeTo(OutputStream out) throws IOException {
    endPair();
    out.write(bytes, 0, count);
  }

  /**
   * Writes the bytes encoded so far to {@code out} and forgets them, still waiting for the second
   * half of a surrogate pair whose first came last: for a stream written on after this.
   */
  void drainTo(OutputStream out) throws IOException {
    out.write(bytes, 0, count);
    count = 0;
  }

  /** Appends what {@code other} holds, as {@link #writeTo} would write it. */
  void append(Utf8Buffer other) {
    other.endPair();
    endPair();
    room(other.count);
    System.arraycopy(other.bytes, 0, bytes, count, other.count);
    count += other.count;
  }

  /** What was written, decoded again: for a Writer that is not a byte stream. */
  String text() {
    endPair();
    return new String(bytes, 0, count, StandardCharsets.UTF_8);
  }

  int size() {
    return count;
  }

  /** Forgets what was written; the buffer is kept. */
  void reset() {
    count = 0;
    high = 0;
  }

  @Override
  public void flush() {
    // nothing is held back but a surrogate's first half, which waits for its second
  }

  @Override
  public void close() {
    // memory
  }
}
