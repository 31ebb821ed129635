package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.input.JsonValueReader;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README suggests -Xmx64m for classify. Read in blocks, several workers may each hold a block
 * grown to one item's 4 MiB and parse such an item into a tree at the same time: that must still
 * fit, as reading line by line does (the classifier's BoundedMemoryTest). In a child JVM, since a
 * heap limit is a property of the whole JVM; one that sees eight cores, as a CI runner may, since
 * the blocks in flight grow with the cores.
 */
class BlockClassifyMemoryTest {
  @TempDir Path dir;

  @Test
  void itemsOfAlmostFourMebibytesOnEveryCoreFitSixtyFourMegabytesOfHeap() throws Exception {
    Path file = dir.resolve("large-items.jsonl");
    int items = 12;
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(event("small", "") + "\n"); // a short first line: the file is read in blocks
      for (int i = 0; i < items; i++) {
        // A \\u escape sends the line to the full path: a Jackson tree of almost 4 MiB.
        w.write(event("big-" + i, ",\"padding\":\"\\u0041" + "p".repeat(JsonValueReader.MAX_ITEM_BYTES - 2_000) + "\"")
            + "\n");
      }
      w.write(event("after", ",\"padding\":\"" + "q".repeat(JsonValueReader.MAX_ITEM_BYTES) + "\"") + "\n");
      w.write(event("last", "") + "\n");
    }
    Process child = classifyIn64Megabytes(file);
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(child.exitValue()).as(output).isEqualTo(65); // the one item too large
    assertThat(output)
        .contains(file + ":" + (items + 2) + ": item too large")
        .contains((items + 2) + " classified")
        .contains("1 malformed")
        .contains("(" + file + ":" + (items + 3) + ")");
  }

  @Test
  void millionsOfBlankLinesOnEveryCoreFitSixtyFourMegabytesOfHeap() throws Exception {
    // A block of blank lines is a million lines, each of whose start and end a block indexes.
    Path file = dir.resolve("blank-lines.jsonl");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(event("first", "") + "\n");
      for (int i = 0; i < 40; i++) {
        w.write("\n".repeat(1 << 20));
      }
      w.write(event("last", "") + "\n");
    }
    Process child = classifyIn64Megabytes(file);
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("2 classified")
        .contains("(" + file + ":" + (40 * (1 << 20) + 2) + ")");
  }

  @Test
  void shortMalformedLinesEachWorthAnErrorLineFitSixtyFourMegabytesOfHeap() throws Exception {
    // Three bytes of input become some 150 characters of error: held per block until its turn,
    // they are bounded by the lines a block may hold, not by its bytes.
    Path file = dir.resolve("garbage.jsonl");
    int garbage = 1_000_000;
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(event("first", "") + "\n");
      for (int i = 0; i < garbage; i++) {
        w.write("{x\n");
      }
      w.write(event("last", "") + "\n");
    }
    Path output = dir.resolve("output.txt");
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:ActiveProcessorCount=8", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "classify", file.toString())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

    List<String> tail = new ArrayList<>();
    try (var lines = Files.lines(output)) {
      lines.forEach(line -> {
        if (tail.size() == 12) {
          tail.remove(0);
        }
        tail.add(line);
      });
    }
    assertThat(child.exitValue()).as(String.join("\n", tail)).isEqualTo(65);
    assertThat(String.join("\n", tail))
        .contains("2 classified")
        .contains(garbage + " malformed")
        .contains("(" + file + ":" + (garbage + 2) + ")");
    try (var lines = Files.lines(output)) {
      assertThat(lines.filter(l -> l.startsWith("ecs-gate: " + file + ":") && l.contains("malformed JSON")).count())
          .isEqualTo(garbage);
    }
  }

  private static Process classifyIn64Megabytes(Path file) throws java.io.IOException {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    return new ProcessBuilder(java, "-Xmx64m", "-XX:ActiveProcessorCount=8", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "classify", file.toString())
        .redirectErrorStream(true)
        .start();
  }

  private static String event(String id, String extra) {
    return "{\"id\":\"" + id + "\",\"detail-type\":\"ECS Task State Change\",\"source\":\"aws.ecs\","
        + "\"region\":\"ap-northeast-1\",\"detail\":{\"clusterArn\":\"arn:aws:ecs:ap-northeast-1:123456789012:cluster/prod\","
        + "\"group\":\"service:web\",\"taskArn\":\"arn:aws:ecs:ap-northeast-1:123456789012:task/prod/" + id + "\","
        + "\"lastStatus\":\"STOPPED\",\"stopCode\":\"EssentialContainerExited\","
        + "\"stoppedReason\":\"Essential container in task exited\","
        + "\"containers\":[{\"name\":\"web\",\"exitCode\":1}]" + extra + "}}";
  }
}
