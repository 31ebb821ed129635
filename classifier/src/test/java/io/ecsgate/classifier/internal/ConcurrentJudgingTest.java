package io.ecsgate.classifier.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.StopClassifier;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * One classifier judging on two threads at once (as classify does) gives exactly the verdicts it
 * gives on one: the memo of reason texts is shared and written racily, without locks.
 */
class ConcurrentJudgingTest {
  private static final int ROUNDS = 300;

  private final List<StoppedTask> tasks = CorpusTasks.all();
  /** The same tasks with equal texts in other String instances: the threads also meet in equals(). */
  private final List<StoppedTask> freshTexts = tasks.stream().map(CorpusTasks::withFreshTexts).toList();

  @Test
  void twoThreadsSharingAClassifierGiveTheSequentialVerdicts() throws Exception {
    List<Verdict> sequential = judgeAll(StopClassifier.withDefaults()::classify, tasks);
    StopClassifier shared = StopClassifier.withDefaults();

    assertSameVerdictsOnTwoThreads(shared::classify, sequential);
  }

  @Test
  void twoThreadsOverwritingEachOthersSlotsGiveTheSequentialVerdicts() throws Exception {
    List<Verdict> sequential = judgeAll(new TaskJudge(name -> false)::judge, tasks);
    // Four slots for the corpus's texts: the threads keep replacing each other's entries.
    TaskJudge shared = new TaskJudge(name -> false, new ReasonTextMemo(4));

    assertSameVerdictsOnTwoThreads(shared::judge, sequential);
  }

  private void assertSameVerdictsOnTwoThreads(Function<StoppedTask, Verdict> judge, List<Verdict> sequential)
      throws Exception {
    assertThat(tasks).hasSizeGreaterThan(50);
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> runs = new ArrayList<>();
      for (List<StoppedTask> input : List.of(tasks, freshTexts)) {
        runs.add(pool.submit(() -> {
          List<String> mismatches = new ArrayList<>();
          for (int round = 0; round < ROUNDS; round++) {
            start.await(); // both threads start each round together, so they race over the same texts
            List<Verdict> verdicts = judgeAll(judge, input);
            for (int i = 0; i < verdicts.size(); i++) {
              if (!verdicts.get(i).equals(sequential.get(i))) {
                mismatches.add("round " + round + ", " + input.get(i).taskArn() + ": " + verdicts.get(i));
              }
            }
          }
          return mismatches;
        }));
      }
      for (Future<List<String>> run : runs) {
        assertThat(run.get(2, TimeUnit.MINUTES)).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Verdict> judgeAll(Function<StoppedTask, Verdict> judge, List<StoppedTask> tasks) {
    List<Verdict> verdicts = new ArrayList<>(tasks.size());
    for (StoppedTask task : tasks) {
      verdicts.add(judge.apply(task));
    }
    return verdicts;
  }
}
