package io.ecsgate.cli;

import java.io.CharArrayWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What classify has to print for a stretch of its input, held until it is its turn: the verdicts
 * (text or JSON lines), the problem lines for stderr, and the counts. Reused from block to block, so
 * that its buffers are allocated once.
 */
final class ClassifiedOutput {
  /** A writer whose characters are written on without a copy into a new array. */
  static final class Chars extends CharArrayWriter {
    Chars() {
      super(1 << 16);
    }

    void writeTo(PrintWriter out) {
      out.write(buf, 0, count);
    }
  }

  final Chars verdicts = new Chars();
  final List<String> problems = new ArrayList<>();
  ClassifyTally tally = new ClassifyTally();

  /** Prints what was held, verdicts first, and forgets it; the counts are the caller's to merge. */
  void printTo(PrintWriter out, PrintWriter err) {
    verdicts.writeTo(out);
    verdicts.reset();
    for (String problem : problems) {
      err.println(problem);
    }
    problems.clear();
  }

  /** Forgets everything, counts included, to hold the next stretch. */
  void reset() {
    verdicts.reset();
    problems.clear();
    tally = new ClassifyTally();
  }
}
