package io.ecsgate.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What classify has to print for a stretch of its input, held until it is its turn: the verdicts
 * (text or JSON lines), the problem lines for stderr, and the counts. Reused from block to block, so
 * that its buffers are allocated once.
 */
final class ClassifiedOutput {
  /** Verdicts as UTF-8, encoded by the thread that rendered them. */
  final Utf8Buffer verdicts = new Utf8Buffer(1 << 16);
  final List<String> problems = new ArrayList<>();
  ClassifyTally tally = new ClassifyTally();

  /** Prints what was held, verdicts first, and forgets it; the counts are the caller's to merge. */
  void printTo(PrintWriter out, PrintWriter err) {
    if (verdicts.size() > 0) {
      if (out instanceof Utf8Stdout stdout) {
        stdout.write(verdicts);
      } else {
        out.write(verdicts.text());
      }
    }
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
