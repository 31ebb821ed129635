package io.ecsgate.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Sizes the heap to classify's work rather than to the machine. The JVM starts G1 with a heap of
 * 1/64 of the RAM (384 MB on a 24 GB machine) and lets eden take up to 60 % of it, so a long
 * classify touched some 500 MB while less than 10 MB is ever live. One full collection before the
 * first item gives the unused heap back, down to what is live plus the free share
 * {@code MaxHeapFreeRatio} allows; G1 then grows it only while young collections take more than
 * about 1 % of the time. With the default 70 % that leaves too small a heap (56 MB): collections
 * come every few dozen milliseconds while the JIT warms up, and G1 grows the heap in one step to
 * 220 MB. Allowing 90 % free for that one collection leaves 120-160 MB, which G1 often keeps
 * and otherwise grows less (measured RSS: 514 MB before, 180-300 MB after from 100k to 1M events,
 * docs/benchmarks.md). It costs some 15 ms, once. A user's -Xms, -Xmx or another collector still
 * has the last word; where the flag cannot be set, the collection alone still helps. Only for
 * large files: on a small input (or stdin, of unknown size) the start-up heap is never filled, and
 * the management classes and the collection would only add to start-up.
 */
final class HeapFit {
  /** Below this, the start-up heap is never filled: nothing to fit. */
  static final long LARGE_INPUT = 64L << 20;

  private HeapFit() {}

  /** Fits the heap when the named files are large; {@code "-"} (stdin) counts as small. */
  static void forInput(List<String> files) {
    long bytes = 0;
    for (String file : files) {
      try {
        bytes += file.equals("-") ? 0 : Files.size(Path.of(file));
      } catch (IOException | RuntimeException unreadable) {
        // said when it is read
      }
    }
    if (bytes >= LARGE_INPUT) {
      toTheWork();
    }
  }

  static void toTheWork() {
    String was = null;
    HotSpotDiagnosticMXBean vm = null;
    try {
      vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      was = vm.getVMOption("MaxHeapFreeRatio").getValue();
      vm.setVMOption("MaxHeapFreeRatio", "90");
    } catch (RuntimeException | LinkageError unavailable) {
      vm = null; // another JVM, or java.management left out of the runtime
    }
    System.gc();
    if (vm != null) {
      vm.setVMOption("MaxHeapFreeRatio", was);
    }
  }
}
