package io.ecsgate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecsgate.classifier.SafeText;
import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.Verdict;
import io.ecsgate.classifier.input.InputItem;
import io.ecsgate.classifier.render.VerdictJson;
import io.ecsgate.classifier.render.VerdictText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * What classify does with each item it reads: judge it, count it, render it (every item, or only
 * the alerts) and word a malformed one, all into a {@link ClassifiedOutput} that is printed when it
 * is its turn. One per thread: it holds the renderers' state.
 */
final class ClassifiedItems implements Consumer<InputItem> {
  private final StopClassifier classifier;
  private final ObjectMapper mapper;
  private final boolean json;
  private final boolean onlyAlerts;
  private ClassifiedOutput into;
  private PrintWriter text;
  private JsonGenerator generator;
  private String lastSource;
  private String lastSourcePrefix;

  ClassifiedItems(StopClassifier classifier, ObjectMapper mapper, boolean json, boolean onlyAlerts) {
    this.classifier = classifier;
    this.mapper = mapper;
    this.json = json;
    this.onlyAlerts = onlyAlerts;
  }

  /** Where the next items go, until the next call. */
  void into(ClassifiedOutput output) {
    finish();
    into = output;
    // A line is encoded once, into the block's buffer, on the thread that renders it.
    text = new PrintWriter(output.verdicts);
    generator = json ? jsonLines(output.verdicts) : null;
  }

  @Override
  public void accept(InputItem item) {
    if (item instanceof InputItem.Signal s) {
      Verdict printed = judged(s.signal());
      if (printed != null) {
        render(s.location(), s.signal(), printed);
      }
    } else if (item instanceof InputItem.Malformed m) {
      into.tally.malformed();
      into.problems.add(SafeText.strip("ecs-gate: " + m.location() + ": " + m.problem()));
    } else {
      into.tally.skipped((InputItem.Skipped) item);
    }
  }

  /**
   * The signal of line {@code line} of {@code source}, taken as {@link #accept} takes it at
   * {@code source:line}; the location is made only if the verdict is printed.
   */
  void judge(String source, long line, SourcedSignal signal) {
    Verdict printed = judged(signal);
    if (printed != null) {
      render(sourcePrefix(source).concat(Long.toString(line)), signal, printed);
    }
  }

  /**
   * {@code source + ":"}, made once per source: the location of every printed verdict starts with
   * it, and joining the three parts anew grew a builder twice per verdict, a tenth of what reading
   * an archive allocated.
   */
  private String sourcePrefix(String source) {
    if (source != lastSource) {
      lastSource = source;
      lastSourcePrefix = source + ":";
    }
    return lastSourcePrefix;
  }

  /** Judges and counts a signal: its verdict if it is to be printed, else null. */
  private Verdict judged(SourcedSignal signal) {
    Verdict v = classifier.classify(signal.signal());
    into.tally.add(v);
    return !onlyAlerts || v.alert() ? v : null;
  }

  /** Pushes what the renderers still buffer into the current output. */
  void finish() {
    try {
      if (generator != null) {
        generator.flush();
      }
      if (text != null) {
        text.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // into memory: cannot happen
    }
  }

  private void render(String location, SourcedSignal s, Verdict v) {
    if (generator == null) {
      VerdictText.write(text, location, s.signal(), v);
      return;
    }
    try {
      VerdictJson.write(generator, location, s, v);
      generator.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonGenerator jsonLines(java.io.Writer target) {
    try {
      JsonGenerator g = mapper.getFactory().createGenerator(target);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setRootValueSeparator(null);
      return g;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
