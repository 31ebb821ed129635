package io.ecsgate.classifier.input;

import static io.ecsgate.classifier.properties.Tries.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time reads find what a byte-by-byte loop finds, and never look past the range they
 * are given: the bytes after it (and before it) may be another line's.
 */
class ByteWordsTest {
  /** Every kind of byte that ends a plain run, and neighbours that must not. */
  private static final byte[] STOPS = {'"', '\\', 0x00, 0x01, 0x1f, (byte) 0x80, (byte) 0xc3, (byte) 0xff};
  private static final byte[] PLAIN = {' ', '!', '#', '[', ']', 0x21, 0x5b, 0x5d, 0x7f, 'a', 'Z', '0', '/'};

  @Test
  void findsEachStopByteAtEveryPositionOfARunAndAlignment() {
    for (byte stop : STOPS) {
      for (int offset = 0; offset < 8; offset++) {
        for (int length = 0; length <= 40; length++) {
          for (int at = 0; at < length; at++) {
            byte[] b = garbageAround(plainRun(length), offset);
            b[offset + at] = stop;
            assertThat(ByteWords.stop(b, offset, offset + length))
                .as("stop 0x%02x at %s of %s, offset %s", stop & 0xff, at, length, offset).isEqualTo(offset + at);
          }
        }
      }
    }
  }

  @Test
  void aRunWithoutStopsEndsAtTheEndOfItsRangeWhateverFollows() {
    for (byte stop : STOPS) {
      for (int offset = 0; offset < 8; offset++) {
        for (int length = 0; length <= 40; length++) {
          for (int gap = 0; gap <= 16; gap++) {
            // Plain bytes then a stop past the end: a read past it would answer the stop's index.
            byte[] b = garbageAround(plainRun(length + gap), offset);
            b[offset + length + gap] = stop;
            Arrays.fill(b, 0, offset, stop);
            assertThat(ByteWords.stop(b, offset, offset + length))
                .as("run of %s, then %s plain bytes and 0x%02x", length, gap, stop & 0xff).isEqualTo(offset + length);
          }
        }
      }
    }
  }

  @Test
  void findsTheFirstStopAsAByteLoopDoesOnRandomRuns() {
    forAll(20_000, ByteWordsTest::randomRange, range -> assertThat(ByteWords.stop(range.b, range.from, range.end))
        .isEqualTo(stopByteByByte(range.b, range.from, range.end)));
  }

  @Test
  void aHashDependsOnlyOnTheBytesOfItsRange() {
    forAll(5_000, ByteWordsTest::randomRange, range -> {
      int length = range.end - range.from;
      byte[] alone = Arrays.copyOfRange(range.b, range.from, range.end);
      int offset = 1 + range.from % 9;
      byte[] elsewhere = garbageAround(alone, offset);
      assertThat(ByteWords.hash(range.b, range.from, length)).isEqualTo(ByteWords.hash(alone, 0, length))
          .isEqualTo(ByteWords.hash(elsewhere, offset, length));
    });
  }

  @Test
  void textsThatDifferInOneByteMostlyHashApart() {
    // Not a promise (a collision costs a cache miss, not a wrong answer), but a hash that ignored
    // some bytes would make the caches miss on every line.
    Random r = new Random(7);
    int same = 0;
    int tried = 0;
    for (int length = 1; length <= 40; length++) {
      for (int at = 0; at < length; at++) {
        byte[] a = plainRun(length);
        for (int k = 0; k < length; k++) {
          a[k] = (byte) ('a' + r.nextInt(26));
        }
        byte[] b = a.clone();
        b[at] = (byte) (a[at] == 'x' ? 'y' : 'x');
        tried++;
        same += ByteWords.hash(a, 0, length) == ByteWords.hash(b, 0, length) ? 1 : 0;
      }
    }
    // Only a middle byte of a text longer than 16 can go unseen (first, middle and last words are read).
    assertThat(same).as("of %s pairs", tried).isLessThan(tried / 2);
  }

  private static int stopByteByByte(byte[] b, int from, int end) {
    for (int i = from; i < end; i++) {
      int c = b[i] & 0xff;
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
        return i;
      }
    }
    return end;
  }

  private static byte[] plainRun(int length) {
    byte[] run = new byte[length];
    for (int k = 0; k < length; k++) {
      run[k] = PLAIN[k % PLAIN.length];
    }
    return run;
  }

  /** {@code bytes} at {@code offset} of a larger array, between quotes and backslashes. */
  private static byte[] garbageAround(byte[] bytes, int offset) {
    byte[] b = new byte[offset + bytes.length + 24];
    for (int k = 0; k < b.length; k++) {
      b[k] = k % 2 == 0 ? (byte) '"' : (byte) '\\';
    }
    System.arraycopy(bytes, 0, b, offset, bytes.length);
    return b;
  }

  /** {@code [from, end)} of {@code b}. */
  private record Range(byte[] b, int from, int end) {
    @Override
    public String toString() {
      return "[" + from + ", " + end + ") of " + Arrays.toString(b);
    }
  }

  /** Mostly plain ASCII with a stop byte now and then, anywhere in a short array. */
  private static Range randomRange(Random r) {
    byte[] b = new byte[r.nextInt(48)];
    for (int k = 0; k < b.length; k++) {
      b[k] = r.nextInt(10) == 0 ? STOPS[r.nextInt(STOPS.length)] : (byte) (0x20 + r.nextInt(0x60));
    }
    int from = r.nextInt(b.length + 1);
    return new Range(b, from, from + r.nextInt(b.length - from + 1));
  }
}
