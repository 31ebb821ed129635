package io.ecsgate.classifier.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream into blocks of whole lines, so that a large input can be read on several threads:
 * a block ends after a line break (or at the end of the input), and can be split into lines and
 * read without the blocks around it. Blocks are filled into buffers the caller hands back, so
 * memory stays what the caller keeps in flight.
 *
 * <p>A block holds about {@code blockSize} bytes, or one line when a line is longer. A line longer
 * than {@code maxLine} bytes (without its {@code \n} or {@code \r\n}) is never held, as in
 * {@link ByteLines}: it is read past and becomes a block of its own that says only its length.
 */
public final class LineBlocks {
  /** One block of whole lines, or one line too long to hold. Reused: valid until refilled. */
  public static final class Block {
    private byte[] data = new byte[0];
    private int length;
    private long tooLongLine = -1;
    private int maxLine;
    private int[] starts = new int[0];
    private int[] ends = new int[0];
    private int lines;

    /** The bytes of the lines, {@code [0, length())}, line breaks included. */
    public byte[] data() {
      return data;
    }

    public int length() {
      return length;
    }

    /**
     * Finds the block's lines, so that they can be counted before they are read; returns how many.
     * A line is what {@link ByteLines} returns: without its {@code \n} or {@code \r\n}.
     */
    public int split() {
      lines = 0;
      if (tooLongLine >= 0) {
        add(0, 0);
        return lines;
      }
      int start = 0;
      while (start < length) {
        int lineBreak = ByteWords.indexOf(data, start, length, (byte) '\n');
        int end = lineBreak < 0 ? length : lineBreak;
        int trimmed = end > start && data[end - 1] == '\r' ? end - 1 : end;
        if (lineBreak >= 0 || trimmed > start) { // at the end, a lone "\r" is no line (as for ByteLines)
          add(start, trimmed);
        }
        start = end + 1;
      }
      return lines;
    }

    /** Line {@code i}'s first byte, after {@link #split()}. */
    public int lineStart(int i) {
      return starts[i];
    }

    /** The end of line {@code i}, exclusive, without its line break. */
    public int lineEnd(int i) {
      return ends[i];
    }

    /** Whether line {@code i} is longer than the bound: it must be reported, not read. */
    public boolean isTooLong(int i) {
      return tooLongLine >= 0 || ends[i] - starts[i] > maxLine;
    }

    /** The length of line {@code i}, all of it for one too long to hold. */
    public long lineLength(int i) {
      return tooLongLine >= 0 ? tooLongLine : ends[i] - starts[i];
    }

    private void add(int start, int end) {
      if (lines == starts.length) {
        starts = Arrays.copyOf(starts, Math.max(64, 2 * lines));
        ends = Arrays.copyOf(ends, starts.length);
      }
      starts[lines] = start;
      ends[lines] = end;
      lines++;
    }
  }

  private final InputStream in;
  private final int blockSize;
  private final int maxLine;
  /** What followed the last line break of the last block: the start of the next block. */
  private byte[] carry = new byte[0];
  private int carryLength;
  private boolean eof;

  /**
   * @param blockSize bytes a block is filled to before it is cut at its last line break
   * @param maxLine the longest line held, in bytes; a longer one is reported by its length only
   */
  public LineBlocks(InputStream in, int blockSize, int maxLine) {
    this.in = in;
    this.blockSize = blockSize;
    this.maxLine = maxLine;
  }

  /** Fills {@code into} with the next lines; false (and {@code into} untouched) at the end of the input. */
  public boolean next(Block into) throws IOException {
    if (eof && carryLength == 0) {
      return false;
    }
    int target = Math.max(blockSize, carryLength); // a carried line may be longer than a block
    // A buffer grown for one long line is not kept: every block in flight would come to hold one.
    byte[] buf = into.data.length >= target && into.data.length <= 2 * target ? into.data : new byte[target];
    System.arraycopy(carry, 0, buf, 0, carryLength);
    int n = carryLength;
    carryLength = 0;
    int searchedTo = 0; // no line break before this index
    while (true) {
      n = fill(buf, n, target);
      if (eof) {
        return n > 0 && deliver(into, buf, n); // all that is left, the last line maybe without a break
      }
      int lastBreak = lastIndexOfBreak(buf, searchedTo, n);
      if (lastBreak >= 0) {
        keepCarry(buf, lastBreak + 1, n);
        return deliver(into, buf, lastBreak + 1);
      }
      searchedTo = n;
      if (n >= target) { // full, and no line break: one line longer than a block
        if (target >= maxLine + 2) { // room for the longest line held and its "\r\n": this one is longer
          into.data = buf;
          into.length = 0;
          into.maxLine = maxLine;
          into.tooLongLine = readPastLongLine(buf, n);
          return true;
        }
        target = (int) Math.min(maxLine + 2L, 2L * target);
        buf = Arrays.copyOf(buf, target);
      }
    }
  }

  /** Whether the input was read to its end (the last block may still be waiting in {@link #next}). */
  public boolean atEnd() {
    return eof && carryLength == 0;
  }

  private boolean deliver(Block into, byte[] buf, int length) {
    into.data = buf;
    into.length = length;
    into.maxLine = maxLine;
    into.tooLongLine = -1;
    return true;
  }

  /** Reads until {@code n == target} or the end of the input; returns the new {@code n}. */
  private int fill(byte[] buf, int n, int target) throws IOException {
    while (n < target && !eof) {
      int read = in.read(buf, n, target - n);
      if (read < 0) {
        eof = true;
      } else {
        n += read;
      }
    }
    return n;
  }

  private void keepCarry(byte[] buf, int from, int to) {
    carryLength = to - from;
    if (carry.length < carryLength) {
      carry = new byte[Math.max(carryLength, Math.min(blockSize, 2 * carry.length + 64))];
    }
    System.arraycopy(buf, from, carry, 0, carryLength);
  }

  /**
   * Reads past a line of which the {@code n} bytes in {@code buf} are the start, through its line
   * break, keeping what follows it; returns its length without the break (and a final {@code \r}).
   */
  private long readPastLongLine(byte[] buf, int n) throws IOException {
    long length = n;
    byte last = buf[n - 1];
    while (true) {
      int read = in.read(buf, 0, buf.length);
      if (read < 0) {
        eof = true;
        break;
      }
      int lineBreak = ByteWords.indexOf(buf, 0, read, (byte) '\n');
      if (lineBreak >= 0) {
        length += lineBreak;
        if (lineBreak > 0) {
          last = buf[lineBreak - 1];
        }
        keepCarry(buf, lineBreak + 1, read);
        break;
      }
      length += read;
      if (read > 0) {
        last = buf[read - 1];
      }
    }
    return last == '\r' ? length - 1 : length;
  }

  private static int lastIndexOfBreak(byte[] b, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
