package io.ecsgate.classifier.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads a line's bytes eight at a time for {@link LineScanner}: most of an event's bytes are inside
 * strings (ARNs, ids, reasons), and looking at them one by one, hashing each, was half the time of
 * the fast path. Every read stays inside {@code [from, end)}: a line may sit inside a larger buffer,
 * and the bytes around it are not its own.
 */
final class ByteWords {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long SPACES = 0x2020202020202020L;

  private ByteWords() {}

  /**
   * The index of the first byte at or after {@code from} that ends a plain run of string text: a
   * {@code "}, a {@code \}, a control byte (below 0x20) or a non-ASCII byte (0x80 and above); or
   * {@code end} when there is none before it.
   */
  static int stop(byte[] b, int from, int end) {
    int i = from;
    // Two words a step: most names and values are shorter than 16 bytes and end in the first step,
    // whichever word their stop is in.
    while (i + 16 <= end) {
      long first = stops((long) LONGS.get(b, i));
      long second = stops((long) LONGS.get(b, i + 8));
      if ((first | second) != 0) {
        return first != 0 ? i + (Long.numberOfTrailingZeros(first) >>> 3)
            : i + 8 + (Long.numberOfTrailingZeros(second) >>> 3);
      }
      i += 16;
    }
    if (i + 8 <= end) {
      long found = stops((long) LONGS.get(b, i));
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      i += 8;
    }
    while (i < end) {
      byte c = b[i];
      if (c == '"' || c == '\\' || c < 0x20) { // a non-ASCII byte is negative
        return i;
      }
      i++;
    }
    return end;
  }

  /**
   * The high bit of each byte of {@code w} (little-endian) that is a stop byte. Bytes above the
   * lowest flagged one may be flagged wrongly (a subtraction borrows into them), so only the lowest
   * is to be used: every subtraction borrows only out of a byte that is itself a stop.
   */
  static long stops(long w) {
    long quote = w ^ QUOTES; // a zero byte where w has '"'
    long backslash = w ^ BACKSLASHES;
    // x - 0x01.. sets a byte's high bit where it was 0x00, w - 0x20.. where it was below 0x20, and
    // "| w" where it was non-ASCII. The classic "& ~w" that drops bytes with the high bit set already
    // is not needed: those are flagged anyway.
    return ((quote - ONES) | (backslash - ONES) | (w - SPACES) | w) & HIGHS;
  }

  /**
   * The index of the first {@code value} in {@code [from, to)}, or -1: how a block of an archive is
   * split into lines ({@link LineBlocks}), where a byte-by-byte search was a tenth of the reading.
   */
  static int indexOf(byte[] b, int from, int to, byte value) {
    long pattern = ONES * (value & 0xff);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      long found = (x - ONES) & ~x & HIGHS; // the lowest set high bit marks the first byte equal to value
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether {@code a[aFrom, aFrom + length)} and {@code b[bFrom, bFrom + length)} hold the same bytes.
   * Names and most kept texts are short, and {@code Arrays.equals} on ranges calls a stub whose set-up
   * costs more than comparing a few words.
   */
  static boolean same(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
    if (length > 32) {
      return Arrays.equals(a, aFrom, aFrom + length, b, bFrom, bFrom + length);
    }
    if (length >= 8) {
      for (int k = 0; k < length - 8; k += 8) {
        if ((long) LONGS.get(a, aFrom + k) != (long) LONGS.get(b, bFrom + k)) {
          return false;
        }
      }
      return (long) LONGS.get(a, aFrom + length - 8) == (long) LONGS.get(b, bFrom + length - 8);
    }
    if (length >= 4) {
      return (int) INTS.get(a, aFrom) == (int) INTS.get(b, bFrom)
          && (int) INTS.get(a, aFrom + length - 4) == (int) INTS.get(b, bFrom + length - 4);
    }
    for (int k = 0; k < length; k++) {
      if (a[aFrom + k] != b[bFrom + k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A hash of the bytes {@code [from, from + length)} from their length and their first, middle and
   * last words, none a serial chain over the bytes: texts and names are mostly told apart by their
   * ends, and {@link TextCache} and {@link Fields.Name} compare bytes anyway, so a collision costs only
   * a miss. All 32 bits are mixed, the low ones included.
   */
  static int hash(byte[] b, int from, int length) {
    long x;
    if (length >= 8) {
      long first = (long) LONGS.get(b, from);
      long last = (long) LONGS.get(b, from + length - 8);
      x = first * 0x9E3779B97F4A7C15L ^ last * 0xC2B2AE3D27D4EB4FL;
      if (length > 16) {
        x ^= (long) LONGS.get(b, from + (length >>> 1) - 4) * 0x165667B19E3779F9L;
      }
    } else if (length >= 4) {
      long first = (int) INTS.get(b, from) & 0xFFFFFFFFL;
      long last = (int) INTS.get(b, from + length - 4) & 0xFFFFFFFFL;
      x = (first | last << 32) * 0x9E3779B97F4A7C15L;
    } else if (length > 0) {
      long some = (b[from] & 0xFFL) << 16 | (b[from + (length >>> 1)] & 0xFFL) << 8 | (b[from + length - 1] & 0xFFL);
      x = some * 0x9E3779B97F4A7C15L;
    } else {
      x = 0;
    }
    x ^= length * 0x27D4EB2F165667C5L;
    // A product's low bits depend only on the factors' low bits: fold the high half in.
    x ^= x >>> 29;
    x *= 0x94D049BB133111EBL;
    return (int) (x ^ (x >>> 32));
  }
}
