package io.ecsgate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.RulesFileException;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.input.InputItem;
import io.ecsgate.classifier.input.SignalFileReader;
import io.ecsgate.classifier.render.VerdictJson;
import io.ecsgate.classifier.render.VerdictText;
import io.ecsgate.report.ExitCode;
import java.io.CharArrayWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
            + " SQS, SNS in SQS, CloudWatch Logs subscription payloads). Streams: memory stays constant."})
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
    JsonGenerator json = output == Output.json ? jsonLines(mapper, out) : null;
    SignalFileReader reader = new SignalFileReader(mapper);
    HeapFit.forInput(files);

    int unreadable = 0;
    for (String file : files.isEmpty() ? List.of("-") : files) {
      try (InputStream in = open(file)) {
        reader.read(in, file.equals("-") ? "<stdin>" : file, item -> {
          if (item instanceof InputItem.Signal s) {
            Verdict v = classifier.classify(s.signal().signal());
            tally.add(v);
            if (!onlyAlerts || v.alert()) {
              print(out, json, s, v);
            }
          } else if (item instanceof InputItem.Malformed m) {
            tally.malformed();
            err.println(SafeText.strip("ecs-gate: " + m.location() + ": " + m.problem()));
          } else {
            tally.skipped((InputItem.Skipped) item);
          }
        });
      } catch (NoSuchFileException e) {
        unreadable++;
        err.println(SafeText.strip("ecs-gate: failed to read " + file + ": no such file"));
      } catch (IOException e) {
        unreadable++;
        err.println(SafeText.strip("ecs-gate: failed to read " + file + ": " + e.getMessage()));
      }
    }
    if (json != null) {
      json.flush();
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
   * Text goes through a buffer written to {@code out} as characters: the JDK's writer copies every
   * String it is given into a new array, which was a tenth of what classify allocated.
   */
  private final CharArrayWriter textBuffer = new CharArrayWriter(1024);
  private final PrintWriter text = new PrintWriter(textBuffer);

  private void print(PrintWriter out, JsonGenerator json, InputItem.Signal s, Verdict v) {
    if (json == null) {
      textBuffer.reset();
      VerdictText.write(text, s.location(), s.signal().signal(), v);
      text.flush();
      try {
        textBuffer.writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    try {
      VerdictJson.write(json, s.location(), s.signal(), v);
      json.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonGenerator jsonLines(ObjectMapper mapper, PrintWriter out) throws IOException {
    JsonGenerator g = mapper.getFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setRootValueSeparator(null);
    return g;
  }

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
