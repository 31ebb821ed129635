package io.ecsgate.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Sizes the heap to classify's work rather than to the machine. The JVM starts G1 with a heap of
 * 1/64 of the RAM (384 MB on a 24 GB machine) and lets eden take up to 60 % of it, so a long
 * classify touched some 500 MB while less than 10 MB is ever live. One full collection before the
 * first item gives the unused heap back, down to what is live plus the free share
 * {@code MaxHeapFreeRatio} allows; G1 then grows it only while young collections take more than
 * about 1 % of the time. With the default 70 % that leaves too small a heap (56 MB): collections
 * come every few dozen milliseconds while the JIT warms up, and G1 grows the heap in one step to
 * 220 MB. Allowing 90 % free for that one collection leaves about 100 MB, in which an archive's
 * short-lived garbage is collected rarely enough that G1 keeps it. It costs some 15 ms, once. A
 * user's -Xms, -Xmx or another collector still has the last word; where the flag cannot be set,
 * the collection alone still helps.
 */
final class HeapFit {
  private HeapFit() {}

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
