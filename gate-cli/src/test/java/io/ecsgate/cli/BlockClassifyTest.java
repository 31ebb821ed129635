package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.input.EnvelopeSamples;
import io.ecsgate.classifier.input.JsonValueReader;
import io.ecsgate.classifier.input.LineBlocks;
import io.ecsgate.classifier.input.SignalFileReader;
import io.ecsgate.report.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * classify reads a large file in blocks on several threads and everything else line by line on
 * one: both must print the same bytes, in the same order, with the same line numbers and counts,
 * for every kind of line an archive can hold.
 */
class BlockClassifyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] REASONS = {
      "Essential container in task exited",
      "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref docker.io/library/hogehoge:latest: pull access denied",
      "Scaling activity initiated by (deployment ecs-svc/4374651048025955904)",
      "Service web: container instance is in DRAINING state",
      "OutOfMemoryError: Container killed due to memory usage",
      "ResourceInitializationError: unable to pull secrets or registry auth: " + "x".repeat(300),
      "Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/web/0123456789abcdef)",
  };
  private static final String[] STOP_CODES = {"EssentialContainerExited", "TaskFailedToStart",
      "ServiceSchedulerInitiated", "UserInitiated", "SpotInterruption"};

  @TempDir Path dir;

  @ParameterizedTest(name = "json={0}, onlyAlerts={1}")
  @CsvSource({"false,false", "false,true", "true,false", "true,true"})
  void blocksOnSeveralThreadsPrintExactlyWhatReadingLineByLinePrints(boolean json, boolean onlyAlerts) throws Exception {
    byte[] input = archive(new Random(7), 3000).getBytes(StandardCharsets.UTF_8);
    Supplier<BlockClassify.Worker> workers = workers(json, onlyAlerts);

    Printed inOrder = new Printed();
    ClassifyCommand.readInOrder(workers.get(), new ByteArrayInputStream(input), "in.jsonl", inOrder.out, inOrder.err,
        inOrder.tally);
    Printed inBlocks = new Printed();
    // Small blocks and more workers than cores: many hand-overs, blocks finishing out of order.
    new BlockClassify(3, workers).read(new LineBlocks(new ByteArrayInputStream(input), 4096,
        JsonValueReader.MAX_ITEM_BYTES), "in.jsonl", inBlocks.out, inBlocks.err, inBlocks.tally);

    assertThat(inBlocks.out()).isEqualTo(inOrder.out());
    assertThat(inBlocks.err()).isEqualTo(inOrder.err());
    assertThat(inBlocks.summary()).isEqualTo(inOrder.summary());
    assertThat(inOrder.summary()).containsPattern("\\d{4} classified").contains("skipped").contains("malformed");
    assertThat(inOrder.err().lines().count()).as("problems from every block").isGreaterThan(100);
  }

  @ParameterizedTest
  @CsvSource({"8, 64, 2", "2, 64, 2", "8, 40, 1", "1, 4096, 1", "32, 1024, 32", "64, 1024, 32"})
  void workersAreTheCoresButNoMoreThanTheHeapHolds(int cores, long heapMegabytes, int workers) {
    assertThat(BlockClassify.workersFor(cores, heapMegabytes << 20)).isEqualTo(workers);
  }

  @Test
  void oneWorkerReadsEveryBlockOnTheCallingThreadInOrder() throws Exception {
    byte[] input = archive(new Random(11), 500).getBytes(StandardCharsets.UTF_8);
    Printed inOrder = new Printed();
    ClassifyCommand.readInOrder(workers(false, false).get(), new ByteArrayInputStream(input), "f", inOrder.out,
        inOrder.err, inOrder.tally);
    Printed one = new Printed();
    Thread caller = Thread.currentThread();
    List<Thread> used = new ArrayList<>();
    Supplier<BlockClassify.Worker> counting = () -> {
      used.add(Thread.currentThread());
      return workers(false, false).get();
    };

    new BlockClassify(1, counting).read(new LineBlocks(new ByteArrayInputStream(input), 2048,
        JsonValueReader.MAX_ITEM_BYTES), "f", one.out, one.err, one.tally);

    assertThat(one.out()).isEqualTo(inOrder.out());
    assertThat(used).containsExactly(caller);
  }

  @Test
  void aLargeFileGivesTheCommandTheSameOutputAsTheSameBytesOnStdin() throws Exception {
    StringBuilder s = new StringBuilder(archive(new Random(3), 2500));
    s.append("{\"too\":\"").append("y".repeat(JsonValueReader.MAX_ITEM_BYTES)).append("\"}\r\n");
    s.append(archive(new Random(4), 200));
    Path file = Files.writeString(dir.resolve("archive.jsonl"), s.toString());
    assertThat(Files.size(file)).as("large enough for blocks").isGreaterThan(BlockClassify.BLOCK_BYTES);

    Run fromFile = Run.of(null, "classify", file.toString());
    Run fromStdin = Run.of(Files.readAllBytes(file), "classify", "-");

    assertThat(fromFile.code).isEqualTo(ExitCode.DATA_ERROR.code()).isEqualTo(fromStdin.code);
    assertThat(fromFile.out).isEqualTo(fromStdin.out.replace("<stdin>", file.toString()));
    assertThat(fromFile.err).isEqualTo(fromStdin.err.replace("<stdin>", file.toString()))
        .contains(file + ":2501: item too large: this line is " + (JsonValueReader.MAX_ITEM_BYTES + 10) + " bytes");
    assertThat(fromFile.out).containsPattern("\\d{4} classified");
  }

  /** An archive's lines: stopped tasks of every kind, service events, envelopes, and the lines that go wrong. */
  private static String archive(Random r, int lines) throws Exception {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= lines; i++) {
      switch (r.nextInt(20)) {
        case 0 -> s.append("{not json");
        case 1 -> s.append("   ");
        case 2 -> s.append("{\"detail-type\":\"Other\",\"source\":\"aws.other\",\"detail\":{}}");
        case 3 -> s.append("2026-11-20T03:12:44.681Z ").append(task(r, i));
        case 4 -> s.append(JSON.writeValueAsString(EnvelopeSamples.sns(task(r, i), task(r, i + 1))));
        case 5 -> s.append(task(r, i).replace("\"stopCode\"", "\"stopCode\":\"A\",\"stopCode\""));
        case 6 -> s.append(task(r, i).replace("\"exitCode\":1", "\"exitCode\":\"1\""));
        case 7 -> s.append(task(r, i).replace("{", "{\"\\u00e9\":\"caf\u00e9\","));
        default -> s.append(task(r, i));
      }
      s.append(r.nextInt(10) == 0 ? "\r\n" : "\n");
    }
    return s.toString();
  }

  private static String task(Random r, int i) {
    String cluster = "c" + r.nextInt(3);
    String arn = "arn:aws:ecs:ap-northeast-1:123456789012:task/" + cluster + "/" + Long.toHexString(r.nextLong());
    String exit = r.nextInt(4) == 0 ? "" : ",\"exitCode\":" + new int[] {0, 1, 137, 143}[r.nextInt(4)];
    return "{\"id\":\"e-" + i + "\",\"detail-type\":\"ECS Task State Change\",\"source\":\"aws.ecs\","
        + "\"time\":\"2026-11-20T03:12:44Z\",\"region\":\"ap-northeast-1\",\"resources\":[\"" + arn + "\"],"
        + "\"detail\":{\"clusterArn\":\"arn:aws:ecs:ap-northeast-1:123456789012:cluster/" + cluster + "\","
        + "\"group\":\"service:web\",\"taskArn\":\"" + arn + "\",\"lastStatus\":\"STOPPED\","
        + "\"stopCode\":\"" + STOP_CODES[r.nextInt(STOP_CODES.length)] + "\","
        + "\"stoppedReason\":\"" + REASONS[r.nextInt(REASONS.length)] + "\","
        + "\"stoppedAt\":\"2026-11-20T03:12:44.681Z\","
        + "\"containers\":[{\"name\":\"app\"" + exit + "},{\"name\":\"log_router\",\"exitCode\":0}]}}";
  }

  private static Supplier<BlockClassify.Worker> workers(boolean json, boolean onlyAlerts) {
    StopClassifier classifier = StopClassifier.withDefaults();
    return () -> new BlockClassify.Worker(new SignalFileReader(JSON),
        new ClassifiedItems(classifier, JSON, json, onlyAlerts));
  }

  private static final class Printed {
    final StringWriter outText = new StringWriter();
    final StringWriter errText = new StringWriter();
    final PrintWriter out = new PrintWriter(outText);
    final PrintWriter err = new PrintWriter(errText);
    final ClassifyTally tally = new ClassifyTally();

    String out() {
      out.flush();
      return outText.toString();
    }

    String err() {
      err.flush();
      return errText.toString();
    }

    String summary() {
      StringWriter s = new StringWriter();
      PrintWriter w = new PrintWriter(s);
      tally.printSummary(w);
      tally.printSkipped(w);
      w.flush();
      return s.toString();
    }
  }

  private record Run(int code, String out, String err) {
    static Run of(byte[] stdin, String... args) {
      InputStream was = System.in;
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      try {
        if (stdin != null) {
          System.setIn(new ByteArrayInputStream(stdin));
        }
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
      } finally {
        System.setIn(was);
      }
    }
  }
}
