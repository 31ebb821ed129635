package io.ecsgate.classifier.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream into blocks of whole lines, so that a large input can be read on several threads:
 * a block ends after a line break (or at the end of the input), knows where its lines are and the
 * number of lines before it, and is read line by line without the blocks around it. Blocks are filled into buffers the
 * caller hands back, so memory stays what the caller keeps in flight.
 *
 * <p>A block holds about {@code blockSize} bytes and at most {@code maxLines} lines (what is made
 * of a block's lines stays bounded however short they are: a block of blank lines, or of malformed
 * two-byte lines each worth an error line), or one line when a line is longer. A line longer than
 * {@code maxLine} bytes (without its {@code \n} or {@code \r\n}) is never held, as in
 * {@link ByteLines}: it is read past and becomes a block of its own that says only its length.
 */
public final class LineBlocks {
  /** The most lines a block holds, whatever its bytes: an archive's 1 MB block holds some 600. */
  public static final int MAX_LINES = 8192;

  /** One block of whole lines, or one line too long to hold. Reused: valid until refilled. */
  public static final class Block {
    private byte[] data = new byte[0];
    private int length;
    private long tooLongLine = -1;
    private int maxLine;
    private long linesBefore;
    /** Where each line break is, found by the reading thread as it cut the block. */
    private int[] breaks = new int[0];
    private int breakCount;
    // the line being read: nextLine()
    private int index;
    private int next;
    private int start;
    private int end;
    private long number;

    /** The bytes of the lines, {@code [0, length())}, line breaks included. */
    public byte[] data() {
      return data;
    }

    public int length() {
      return length;
    }

    /**
     * Moves to the block's next line, the first after a fill; false after its last. A line is what
     * {@link ByteLines} returns: without its {@code \n} or {@code \r\n}, and numbered as it counts.
     */
    public boolean nextLine() {
      if (tooLongLine >= 0) {
        if (number > linesBefore) {
          return false;
        }
        number = linesBefore + 1;
        return true;
      }
      while (next < length) {
        int from = next;
        int lineEnd = index < breakCount ? breaks[index++] : length;
        next = lineEnd + 1;
        int trimmed = lineEnd > from && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        if (lineEnd < length || trimmed > from) { // at the end, a lone "\r" is no line (as for ByteLines)
          start = from;
          end = trimmed;
          number++;
          return true;
        }
      }
      return false;
    }

    /** The line's number in the input, counting from 1. */
    public long lineNumber() {
      return number;
    }

    /** The line's first byte in {@link #data()}. */
    public int lineStart() {
      return start;
    }

    /** The end of the line, exclusive, without its line break. */
    public int lineEnd() {
      return end;
    }

    /** Whether the line is longer than the bound: it must be reported, not read. */
    public boolean isTooLong() {
      return tooLongLine >= 0 || end - start > maxLine;
    }

    /** The line's length, all of it for one too long to hold. */
    public long lineLength() {
      return tooLongLine >= 0 ? tooLongLine : end - start;
    }

    private void fill(byte[] buf, int length, int breakCount, long tooLongLine, int maxLine, long linesBefore) {
      this.data = buf;
      this.length = length;
      this.breakCount = breakCount;
      this.tooLongLine = tooLongLine;
      this.maxLine = maxLine;
      this.linesBefore = linesBefore;
      this.index = 0;
      this.next = 0;
      this.start = 0;
      this.end = 0;
      this.number = linesBefore;
    }
  }

  private final InputStream in;
  private final int blockSize;
  private final int maxLine;
  private final int maxLines;
  /** The line breaks in the blocks handed out so far: the lines before the next block. */
  private long lines;
  /** What followed the last line break of the last block: the start of the next block. */
  private byte[] carry = new byte[0];
  private int carryLength;
  private boolean eof;

  /**
   * @param blockSize bytes a block is filled to before it is cut at its last line break
   * @param maxLine the longest line held, in bytes; a longer one is reported by its length only
   */
  public LineBlocks(InputStream in, int blockSize, int maxLine) {
    this(in, blockSize, maxLine, MAX_LINES);
  }

  /** @param maxLines the most lines a block holds (tests use a few) */
  public LineBlocks(InputStream in, int blockSize, int maxLine, int maxLines) {
    this.in = in;
    this.blockSize = blockSize;
    this.maxLine = maxLine;
    this.maxLines = maxLines;
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
        return n > 0 && deliver(into, buf, n, n); // all that is left, the last line maybe without a break
      }
      int lastBreak = lastIndexOfBreak(buf, searchedTo, n);
      if (lastBreak >= 0) {
        return deliver(into, buf, lastBreak + 1, n);
      }
      searchedTo = n;
      if (n >= target) { // full, and no line break: one line longer than a block
        if (target >= maxLine + 2) { // room for the longest line held and its "\r\n": this one is longer
          into.fill(buf, 0, 0, readPastLongLine(buf, n), maxLine, lines);
          lines++;
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

  /**
   * Hands out {@code [0, end)} of {@code buf}, cut after its {@link #maxLines}th line break if it
   * holds more, and keeps the rest of {@code [0, n)} for the next block. The line breaks are found
   * here, once: the block needs them to know the lines before the next one, and its reader to walk them.
   */
  private boolean deliver(Block into, byte[] buf, int end, int n) {
    int count = 0;
    int from = 0;
    while (from < end && count < maxLines) {
      int lineBreak = ByteWords.indexOf(buf, from, end, (byte) '\n');
      if (lineBreak < 0) {
        break;
      }
      if (count == into.breaks.length) {
        into.breaks = Arrays.copyOf(into.breaks, Math.min(maxLines, Math.max(64, 2 * count)));
      }
      into.breaks[count++] = lineBreak;
      from = lineBreak + 1;
    }
    if (count == maxLines) {
      end = from; // a block of very short lines: the rest goes to the next block
    }
    keepCarry(buf, end, n);
    into.fill(buf, end, count, -1, maxLine, lines);
    lines += count;
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
