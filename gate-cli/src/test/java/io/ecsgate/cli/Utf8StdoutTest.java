package io.ecsgate.cli;

import static io.ecsgate.classifier.properties.Tries.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * classify's workers encode verdicts themselves ({@link Utf8Buffer}) and the printing thread copies
 * the bytes to stdout ({@link Utf8Stdout}): the bytes must be those an {@code OutputStreamWriter}
 * in UTF-8 writes for the same text, written the same way, surrogates split across writes and
 * surrogates without their pair included.
 */
class Utf8StdoutTest {
  /** Characters of every UTF-8 length, the "…" verdicts are cut with, and both halves of a pair. */
  private static final char[] CHARS = {'a', 'Z', ' ', '\n', '\u007f', '\u0080', 'é', '\u07ff', '\u0800', '…',
      '\uffff', '\ud83d', '\ude80', '\ud800', '\udfff'};

  /** One write: how it is made, and its text. */
  private record Write(int how, String text) {
    @Override
    public String toString() {
      return how + ":" + text.codePoints().mapToObj(Integer::toHexString).toList();
    }
  }

  @Test
  void printedTextAndAppendedBuffersGiveTheBytesAnOutputStreamWriterWrites() {
    forAll(2000, Utf8StdoutTest::writes, writes -> {
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      PrintWriter reference = new PrintWriter(new OutputStreamWriter(expected, StandardCharsets.UTF_8));
      ByteArrayOutputStream actual = new ByteArrayOutputStream();
      Utf8Stdout stdout = new Utf8Stdout(actual);
      Utf8Buffer block = new Utf8Buffer(4);
      for (Write w : writes) {
        reference.print(w.text());
        switch (w.how()) {
          case 0 -> stdout.print(w.text());
          case 1 -> stdout.write(w.text().toCharArray(), 0, w.text().length());
          case 2 -> w.text().chars().forEach(stdout::write);
          default -> {
            block.reset();
            block.write(w.text(), 0, w.text().length());
            stdout.write(block);
          }
        }
      }
      reference.close();
      stdout.close();
      assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
    });
  }

  /**
   * Writes of random text, some longer than a chunk; a buffer handed over whole (how 3) is a block
   * of verdicts, whose first and last characters are never half of a pair: a block is whole lines.
   */
  private static List<Write> writes(Random r) {
    List<Write> writes = new ArrayList<>();
    for (int n = r.nextInt(12); n >= 0; n--) {
      int how = r.nextInt(4);
      StringBuilder text = new StringBuilder();
      int length = r.nextInt(5) == 0 ? 9000 + r.nextInt(9000) : r.nextInt(40);
      for (int k = 0; k < length; k++) {
        text.append(r.nextInt(3) == 0 ? CHARS[r.nextInt(CHARS.length)] : (char) ('a' + r.nextInt(26)));
      }
      if (how == 3) {
        text.insert(0, '[').append(']');
      }
      writes.add(new Write(how, text.toString()));
    }
    return writes;
  }

  @Test
  void textPrintedBeforeABlockComesBeforeItAndGoesOutInChunks() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Integer> writeSizes = new ArrayList<>();
    OutputStream counted = new OutputStream() {
      @Override
      public void write(int b) {
        bytes.write(b);
        writeSizes.add(1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        writeSizes.add(len);
      }
    };
    Utf8Stdout stdout = new Utf8Stdout(counted);
    stdout.print("head ");
    Utf8Buffer block = new Utf8Buffer(16);
    String verdicts = "ALERT x\n".repeat(2000); // 16,000 bytes: handed over without a copy
    block.write(verdicts, 0, verdicts.length());
    stdout.write(block);
    for (int i = 0; i < 3000; i++) {
      stdout.print("ok y\n");
    }
    assertThat(writeSizes).as("nothing reaches the stream before the block, then the block, whole").startsWith(5, 16000);
    stdout.flush();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("head " + verdicts + "ok y\n".repeat(3000));
    assertThat(writeSizes.subList(2, writeSizes.size())).as("printed text, in chunks of about 8 KB")
        .allSatisfy(size -> assertThat(size).isBetween(1, 8192 + 5)).hasSizeLessThan(4);
  }

  @Test
  void aStreamThatFailsIsKeptAsAnErrorAsPrintWriterKeepsOne() {
    Utf8Stdout stdout = new Utf8Stdout(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("broken pipe");
      }
    });
    Utf8Buffer block = new Utf8Buffer(16);
    block.write("x".repeat(9000), 0, 9000);
    stdout.write(block);
    assertThat(stdout.checkError()).isTrue();
  }
}
