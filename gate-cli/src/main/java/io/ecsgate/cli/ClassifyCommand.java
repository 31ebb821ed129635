package io.ecsgate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.input.JsonValueReader;
import io.ecsgate.classifier.input.LineBlocks;
import io.ecsgate.classifier.input.SignalFileReader;
import io.ecsgate.report.ExitCode;
import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ecs-gate classify}: why did these tasks stop, and which deserve an alert. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
        "Classify stopped tasks and ECS events read from files or stdin.",
        "Accepts one event, a JSON array, JSON lines (an archive export, timestamp prefixes allowed),"
            + " the output of 'aws ecs describe-tasks' or 'describe-services', or of 'aws logs"
            + " filter-log-events' on an event archive, and events in the envelopes they travel in (SNS,"
            + " SQS, SNS in SQS, CloudWatch Logs subscription payloads). Streams: memory stays constant. A large"
            + " file of JSON lines is read on every core, printed in input order."})
final class ClassifyCommand implements Callable<Integer> {

  enum Output { text, json }

  @Spec
  private CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Input files; '-' or none reads stdin.")
  private List<String> files = List.of();

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (default) or json (one JSON object per line).")
  private Output output;

  @Option(names = "--rules", paramLabel = "FILE", description = "Rules file (YAML): exclusions, always-alert overrides, sidecars.")
  private Path rulesFile;

  @Option(names = "--only-alerts", description = "Print only the items that deserve an alert.")
  private boolean onlyAlerts;

  @Override
  public Integer call() throws RulesFileException, IOException {
    StopClassifier classifier = Classifiers.from(rulesFile, spec.commandLine().getErr());
    ObjectMapper mapper = new ObjectMapper();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ClassifyTally tally = new ClassifyTally();
    Supplier<BlockClassify.Worker> newWorker = () -> new BlockClassify.Worker(new SignalFileReader(mapper),
        new ClassifiedItems(classifier, mapper, output == Output.json, onlyAlerts));
    Runtime runtime = Runtime.getRuntime();
    BlockClassify inBlocks =
        new BlockClassify(BlockClassify.workersFor(runtime.availableProcessors(), runtime.maxMemory()), newWorker);
    BlockClassify.Worker here = newWorker.get();
    HeapFit.forInput(files);

    int unreadable = 0;
    for (String file : files.isEmpty() ? List.of("-") : files) {
      String name = file.equals("-") ? "<stdin>" : file;
      try {
        if (isLargeJsonLines(file, here.reader())) {
          // FileInputStream reads into the block with one copy fewer than a channel's stream: 0.21 s
          // against 0.33 s for 1.8 GB here, on the thread that also prints.
          try (InputStream in = new FileInputStream(file)) {
            inBlocks.read(new LineBlocks(in, BlockClassify.BLOCK_BYTES, JsonValueReader.MAX_ITEM_BYTES), name,
                out, err, tally);
          }
        } else {
          try (InputStream in = open(file)) {
            readInOrder(here, in, name, out, err, tally);
          }
        }
      } catch (NoSuchFileException e) {
        unreadable++;
        err.println(SafeText.strip("ecs-gate: failed to read " + file + ": no such file"));
      } catch (IOException e) {
        unreadable++;
        err.println(SafeText.strip("ecs-gate: failed to read " + file + ": " + e.getMessage()));
      }
    }
    if (output == Output.json) {
      // JSON lines hold verdicts only: what was skipped is said once on stderr, not silently dropped.
      tally.printSkipped(err);
    } else {
      tally.printSummary(out);
    }
    out.flush();
    if (unreadable > 0) {
      return ExitCode.NO_INPUT.code();
    }
    return tally.malformedCount() > 0 ? ExitCode.DATA_ERROR.code() : ExitCode.OK.code();
  }

  /**
   * Stdin, a small file and a document are read item by item on this thread, each verdict handed to
   * {@code out} as it is made: stdin may be a stream that never ends, and its size is not known.
   */
  static void readInOrder(BlockClassify.Worker here, InputStream in, String name, PrintWriter out,
      PrintWriter err, ClassifyTally tally) throws IOException {
    ClassifiedOutput output = new ClassifiedOutput();
    here.items().into(output);
    try {
      here.reader().read(in, name, item -> {
        here.items().accept(item);
        here.items().finish();
        output.printTo(out, err);
      });
    } finally {
      here.items().finish();
      output.printTo(out, err);
      tally.addAll(output.tally);
    }
  }

  /**
   * Whether {@code file} is a regular file of JSON lines large enough to be worth reading in
   * blocks on every core ({@link BlockClassify}); its first lines tell, as they tell the reader.
   */
  private static boolean isLargeJsonLines(String file, SignalFileReader reader) throws IOException {
    if (file.equals("-")) {
      return false;
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || Files.size(path) < BlockClassify.BLOCK_BYTES) {
      return false; // a pipe, a device, or too small for threads to pay
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(path)) {
      head = in.readNBytes(HEAD_BYTES);
    }
    return reader.startsJsonLines(head, head.length, head.length < HEAD_BYTES);
  }

  /** Enough to hold the first lines of an archive, whose events are at most 256 KB. */
  private static final int HEAD_BYTES = 1 << 16;

  private static InputStream open(String file) throws IOException {
    if (file.equals("-")) {
      return new FilterInputStream(System.in) {
        @Override
        public void close() {
          // stdin belongs to the process, not to this command
        }
      };
    }
    return Files.newInputStream(Path.of(file));
  }
}
