package io.ecsgate.classifier.input;

import static io.ecsgate.classifier.properties.Tries.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Blocks of whole lines must give the lines {@link ByteLines} gives, one by one, whatever the
 * lengths: classify reads a large file in blocks and a small one (or stdin) line by line, and the
 * two must agree on every line, its number and whether it is too long.
 */
class LineBlocksTest {

  @Test
  void blocksGiveTheLinesByteLinesGivesWithTheirNumbersWhateverTheLengths() {
    forAll(400, LineBlocksTest::input, input -> {
      int blockSize = 8 + input.length % 61;
      int maxLine = 4 + input.length % 37;
      int maxLines = 1 + input.length % 5;
      assertThat(fromBlocks(input, blockSize, maxLine, maxLines)).isEqualTo(fromByteLines(input, maxLine));
    });
  }

  @Test
  void aBlockHoldsAtMostMaxLinesHoweverShortTheLines() throws Exception {
    LineBlocks blocks = new LineBlocks(stream("\n".repeat(10_000) + "x\n"), 1 << 20, 100, 4096);
    LineBlocks.Block block = new LineBlocks.Block();
    List<Integer> perBlock = new ArrayList<>();
    long last = 0;
    while (blocks.next(block)) {
      int lines = 0;
      while (block.nextLine()) {
        lines++;
        assertThat(block.lineNumber()).isEqualTo(++last);
      }
      perBlock.add(lines);
    }
    assertThat(perBlock).containsExactly(4096, 4096, 1809);
  }

  @Test
  void aLineLongerThanTheBoundIsItsOwnBlockAndOnlyItsLengthIsKept() throws Exception {
    InputStream in = new GeneratedInput().text("first\n").run('x', 1_000_000).text("\r\nnext\n");
    LineBlocks blocks = new LineBlocks(in, 64, 1000);
    LineBlocks.Block block = new LineBlocks.Block();

    assertThat(blocks.next(block)).isTrue();
    assertThat(lines(block)).containsExactly("1: first");
    assertThat(blocks.next(block)).isTrue();
    assertThat(block.nextLine()).isTrue();
    assertThat(block.isTooLong()).isTrue();
    assertThat(block.lineNumber()).isEqualTo(2);
    assertThat(block.lineLength()).isEqualTo(1_000_000);
    assertThat(block.nextLine()).isFalse();
    assertThat(block.data().length).as("never more than the bound and its line break").isLessThanOrEqualTo(1002);
    assertThat(blocks.next(block)).isTrue();
    assertThat(lines(block)).containsExactly("3: next");
    assertThat(blocks.next(block)).isFalse();
    assertThat(blocks.atEnd()).isTrue();
  }

  @Test
  void aBlockIsCutAtItsLastLineBreakAndTheRestStartsTheNext() throws Exception {
    LineBlocks blocks = new LineBlocks(stream("aaaa\nbbbb\ncccc\n"), 12, 100);
    LineBlocks.Block block = new LineBlocks.Block();

    assertThat(blocks.next(block)).isTrue();
    assertThat(lines(block)).containsExactly("1: aaaa", "2: bbbb");
    assertThat(blocks.atEnd()).isFalse();
    assertThat(blocks.next(block)).isTrue();
    assertThat(lines(block)).containsExactly("3: cccc");
    assertThat(blocks.next(block)).isFalse();
  }

  @Test
  void anInputOfOneBlockIsAtItsEndAfterTheFirst() throws Exception {
    LineBlocks blocks = new LineBlocks(stream("one\ntwo"), 1 << 20, 100);
    LineBlocks.Block block = new LineBlocks.Block();

    assertThat(blocks.next(block)).isTrue();
    assertThat(blocks.atEnd()).as("a small input is read on the calling thread").isTrue();
    assertThat(lines(block)).containsExactly("1: one", "2: two");
  }

  @Test
  void indexOfFindsEachByteAtEveryPositionAndNeverLooksPastTheEnd() {
    for (int length = 0; length < 20; length++) {
      for (int at = 0; at < length; at++) {
        byte[] b = new byte[length + 8];
        java.util.Arrays.fill(b, (byte) 'x');
        java.util.Arrays.fill(b, length, b.length, (byte) '\n'); // right after the range: must not be found
        b[at] = '\n';
        assertThat(ByteWords.indexOf(b, 0, length, (byte) '\n')).isEqualTo(at);
        assertThat(ByteWords.indexOf(b, at + 1, length, (byte) '\n')).isEqualTo(-1);
      }
    }
  }

  /** Random lines: empty, short, around the bounds, with \r\n or \n, the last with or without a break. */
  private static byte[] input(Random random) {
    StringBuilder s = new StringBuilder();
    int lines = random.nextInt(12);
    for (int i = 0; i < lines; i++) {
      int length = random.nextInt(4) == 0 ? random.nextInt(200) : random.nextInt(40);
      for (int k = 0; k < length; k++) {
        s.append(random.nextInt(8) == 0 ? ' ' : (char) ('a' + random.nextInt(26)));
      }
      if (random.nextInt(6) == 0) {
        s.append('\r');
      }
      if (i < lines - 1 || random.nextBoolean()) {
        s.append('\n');
      }
    }
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Each line as "number: text", or "number: TOO LONG n" for a line past the bound. */
  private static List<String> fromBlocks(byte[] input, int blockSize, int maxLine, int maxLines) throws IOException {
    List<String> lines = new ArrayList<>();
    LineBlocks blocks = new LineBlocks(new ByteArrayInputStream(input), blockSize, maxLine, maxLines);
    LineBlocks.Block block = new LineBlocks.Block();
    while (blocks.next(block)) {
      lines.addAll(lines(block));
    }
    return lines;
  }

  private static List<String> fromByteLines(byte[] input, int maxLine) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteLines byteLines = new ByteLines(new ByteArrayInputStream(input), maxLine);
    while (byteLines.next()) {
      lines.add((lines.size() + 1) + ": " + (byteLines.isTooLong() ? "TOO LONG " + byteLines.fullLength()
          : new String(byteLines.bytes(), 0, byteLines.length(), StandardCharsets.US_ASCII)));
    }
    return lines;
  }

  private static List<String> lines(LineBlocks.Block block) {
    List<String> lines = new ArrayList<>();
    while (block.nextLine()) {
      lines.add(block.lineNumber() + ": " + (block.isTooLong() ? "TOO LONG " + block.lineLength()
          : new String(block.data(), block.lineStart(), block.lineEnd() - block.lineStart(), StandardCharsets.US_ASCII)));
    }
    return lines;
  }

  private static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
  }
}
