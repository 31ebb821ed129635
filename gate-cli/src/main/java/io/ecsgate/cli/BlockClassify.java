package io.ecsgate.cli;

import io.ecsgate.classifier.SourcedSignal;
import io.ecsgate.classifier.input.LineBlocks;
import io.ecsgate.classifier.input.SignalFileReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Classifies a large file of JSON lines on every core and prints exactly what reading it line by
 * line prints, in input order. The input is cut into blocks of whole lines ({@link LineBlocks});
 * each block is read and judged on a worker thread into its own {@link ClassifiedOutput}, and the
 * outputs are printed on the calling thread as their turn comes. Each block knows where its lines
 * are and how many came before it ({@link LineBlocks} notes the line breaks as it cuts), so line
 * numbers are those of reading line by line, and no worker waits for another.
 *
 * <p>Memory is bounded by the blocks in flight, two per worker: a block is refilled only after its
 * output was printed. With one worker, or an input of one block, everything runs on the calling
 * thread and no thread is started.
 */
final class BlockClassify {
  /** Large enough that handing a block over costs nothing next to reading it, small enough to keep memory flat. */
  static final int BLOCK_BYTES = 1 << 20;

  /**
   * A line longer than an EventBridge event may be (256 KB) can be an item of up to 4 MiB, whose
   * tree takes several times that: such lines are read one at a time, as reading line by line does,
   * so that classify still fits the 64 MB heap the README suggests (BlockClassifyMemoryTest).
   */
  static final int LARGE_LINE = 256 << 10;

  /**
   * What one worker's two blocks may take at once: each grown to a line of 4 MiB, or holding the
   * output of 8,192 lines, beside the tree of the one large item being read.
   * Workers are as many as the cores, but no more than the heap holds: on eight cores, 64 MB ran
   * out of heap with eight workers and fits two (BlockClassifyMemoryTest); 32 MB each was enough
   * up to 32 cores in a gigabyte.
   */
  static final long HEAP_PER_WORKER = 32L << 20;

  private final Semaphore largeLine = new Semaphore(1);

  private final int workers;
  private final Supplier<Worker> newWorker;

  /** One thread's reader and renderers: neither is thread-safe. */
  record Worker(SignalFileReader reader, ClassifiedItems items) {}

  /** A block and what its lines gave, travelling from the reading thread to a worker and back. */
  private static final class Slot {
    final LineBlocks.Block block = new LineBlocks.Block();
    final ClassifiedOutput output = new ClassifiedOutput();
  }

  /** The workers for {@code cores} cores in a heap of at most {@code maxHeap} bytes: at least one. */
  static int workersFor(int cores, long maxHeap) {
    return (int) Math.max(1, Math.min(cores, maxHeap / HEAP_PER_WORKER));
  }

  BlockClassify(int workers, Supplier<Worker> newWorker) {
    this.workers = workers;
    this.newWorker = newWorker;
  }

  /** Reads {@code blocks}, the input named {@code name}, to its end: prints its verdicts and problems, counts into {@code tally}. */
  void read(LineBlocks blocks, String name, PrintWriter out, PrintWriter err, ClassifyTally tally) throws IOException {
    Slot first = new Slot();
    if (!blocks.next(first.block)) {
      return;
    }
    if (workers < 2 || blocks.atEnd()) {
      readHere(first, blocks, name, out, err, tally);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
      Thread t = new Thread(runnable, "ecs-gate-classify");
      t.setDaemon(true); // never keeps the JVM up after the calling thread gave up
      return t;
    });
    try {
      readOnWorkers(first, blocks, name, out, err, tally, pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private void readHere(Slot slot, LineBlocks blocks, String name, PrintWriter out, PrintWriter err,
      ClassifyTally tally) throws IOException {
    Worker here = newWorker.get();
    do {
      judge(here, slot, name);
      print(slot, out, err, tally);
    } while (blocks.next(slot.block));
  }

  private void readOnWorkers(Slot first, LineBlocks blocks, String name, PrintWriter out, PrintWriter err,
      ClassifyTally tally, ExecutorService pool) throws IOException {
    ThreadLocal<Worker> worker = ThreadLocal.withInitial(newWorker);
    ArrayDeque<Slot> free = new ArrayDeque<>();
    for (int i = 1; i < 2 * workers; i++) {
      free.add(new Slot());
    }
    ArrayDeque<Future<Slot>> inFlight = new ArrayDeque<>();
    Slot next = first;
    while (true) {
      Slot submitted = next;
      inFlight.add(pool.submit(() -> {
        judge(worker.get(), submitted, name);
        return submitted;
      }));
      // Print what is done, in order; wait for the oldest block only when no slot is free.
      while (!inFlight.isEmpty() && (free.isEmpty() || inFlight.peekFirst().isDone())) {
        Slot done = await(inFlight.removeFirst());
        print(done, out, err, tally);
        free.add(done);
      }
      next = free.removeFirst();
      if (!blocks.next(next.block)) {
        break;
      }
    }
    while (!inFlight.isEmpty()) {
      print(await(inFlight.removeFirst()), out, err, tally);
    }
  }

  /** Reads and judges one block's lines into its output, on any thread. */
  private void judge(Worker w, Slot slot, String name) {
    LineBlocks.Block block = slot.block;
    slot.output.reset();
    w.items().into(slot.output);
    while (block.nextLine()) {
      long line = block.lineNumber();
      int start = block.lineStart();
      int length = block.lineEnd() - start;
      if (block.isTooLong()) {
        w.reader().lineTooLong(name + ":" + line, block.lineLength(), w.items());
        continue;
      }
      // The usual line, an EventBridge event, goes straight from its bytes to its verdict.
      SourcedSignal signal = w.reader().fastSignal(block.data(), start, length);
      if (signal != null) {
        w.items().judge(name, line, signal);
      } else if (length > LARGE_LINE) {
        readLarge(w, block, name + ":" + line);
      } else {
        w.reader().readLine(name + ":" + line, block.data(), start, length, w.items());
      }
    }
    w.items().finish();
  }

  private void readLarge(Worker w, LineBlocks.Block block, String location) {
    largeLine.acquireUninterruptibly();
    try {
      int start = block.lineStart();
      w.reader().readLine(location, block.data(), start, block.lineEnd() - start, w.items());
    } finally {
      largeLine.release();
    }
  }

  private static void print(Slot slot, PrintWriter out, PrintWriter err, ClassifyTally tally) {
    slot.output.printTo(out, err);
    tally.addAll(slot.output.tally);
  }

  private static Slot await(Future<Slot> work) {
    try {
      return work.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while classifying", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
