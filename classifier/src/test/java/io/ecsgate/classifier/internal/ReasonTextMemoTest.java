package io.ecsgate.classifier.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ecsgate.classifier.ContainerExit;
import io.ecsgate.classifier.StoppedTask;
import io.ecsgate.classifier.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memo of reason texts gives what deriving from the text gives, whatever instance or slot. */
class ReasonTextMemoTest {
  private static final String OOM = "OutOfMemoryError: Container killed due to memory usage";
  private static final String PULL = "CannotPullContainerError: pull image manifest has been retried 5 time(s):"
      + " failed to resolve ref docker.io/library/app:missing: not found";

  @Test
  void factsAreWhatTheTextAloneGives() {
    ReasonTextMemo memo = new ReasonTextMemo();
    List<String> texts = new ArrayList<>(List.of("", "  \n\t ", OOM, PULL, "Task stopped by user",
        "a\n\nmulti-line   reason\twith runs of white space", "x".repeat(ReasonTextMemo.LONGEST_REMEMBERED + 1)));
    texts.addAll(corpusReasons());

    for (String text : texts) {
      assertFactsOf(memo.of(text), text); // derived now
      assertFactsOf(memo.of(text), text); // remembered (or derived again if a later text took the slot)
    }
    assertFactsOf(memo.of(null), null);
  }

  @Test
  void anEqualTextInAnotherInstanceFindsTheSameFacts() {
    ReasonTextMemo memo = new ReasonTextMemo();
    String copy = CorpusTasks.fresh(PULL);

    assertThat(copy).isNotSameAs(PULL);
    assertThat(memo.of(copy)).isSameAs(memo.of(PULL));
  }

  @Test
  void anEqualTextInAnotherInstanceGetsTheSameVerdict() {
    TaskJudge judge = new TaskJudge(name -> false);
    for (StoppedTask task : CorpusTasks.all()) {
      Verdict first = judge.judge(task);

      assertThat(judge.judge(CorpusTasks.withFreshTexts(task))).as(task.taskArn()).isEqualTo(first);
    }
  }

  @Test
  void aTextThatTookTheSlotDoesNotAnswerForAnother() {
    ReasonTextMemo oneSlot = new ReasonTextMemo(1);
    // Equal hash codes ("Aa" and "BB" hash alike): they meet in a slot of any size.
    String a = "Aa " + OOM;
    String b = "BB " + OOM;
    assertThat(a.hashCode()).isEqualTo(b.hashCode());
    ReasonTextMemo memo = new ReasonTextMemo();

    for (int i = 0; i < 3; i++) {
      assertFactsOf(memo.of(a), a);
      assertFactsOf(memo.of(b), b);
      assertFactsOf(oneSlot.of(OOM), OOM);
      assertFactsOf(oneSlot.of(PULL), PULL);
    }
    assertThat(memo.of(a).excerpt()).startsWith("Aa ");
    assertThat(oneSlot.of(OOM).matches(ReasonTextMemo.OUT_OF_MEMORY)).isTrue();
    assertThat(oneSlot.of(PULL).matches(ReasonTextMemo.OUT_OF_MEMORY)).isFalse();
  }

  @Test
  void verdictsDoNotDependOnWhatTheSlotsHold() {
    // One slot: every text evicts the last one, so each is derived anew: the reference.
    TaskJudge reference = new TaskJudge(name -> false, new ReasonTextMemo(1));
    TaskJudge remembering = new TaskJudge(name -> false);
    List<StoppedTask> tasks = CorpusTasks.all();

    for (int round = 0; round < 2; round++) {
      for (StoppedTask task : tasks) {
        assertThat(remembering.judge(task)).as(task.taskArn()).isEqualTo(reference.judge(task));
      }
    }
  }

  @Test
  void aRememberedSummaryAnswersOnlyForItsReasonAndContainer() {
    TaskJudge judge = new TaskJudge(name -> false);

    for (int round = 0; round < 3; round++) {
      for (String container : new String[] {"app", "web", "app"}) {
        StoppedTask task = StoppedTask.builder().taskArn("arn:aws:ecs:us-east-1:1:task/c/" + container)
            .lastStatus("STOPPED").stopCode("EssentialContainerExited").stoppedReason("Essential container in task exited")
            .containers(List.of(new ContainerExit(container, 137, OOM, "STOPPED", null, null))).build();
        assertThat(judge.judge(task).summary()).isEqualTo("Container " + container
            + " was killed for exceeding its memory limit: " + OOM);
      }
    }
  }

  @Test
  void aLongTextIsDerivedEachTime() {
    ReasonTextMemo memo = new ReasonTextMemo();
    String longText = OOM + " ".repeat(ReasonTextMemo.LONGEST_REMEMBERED);

    assertThat(memo.of(longText)).isNotSameAs(memo.of(longText));
    assertThat(memo.of(longText).matches(ReasonTextMemo.OUT_OF_MEMORY)).isTrue();
    assertThat(memo.of(OOM)).isSameAs(memo.of(OOM));
  }

  @Test
  void slotsAreAPowerOfTwo() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ReasonTextMemo(3));
  }

  private static void assertFactsOf(ReasonTextMemo.Facts facts, String text) {
    assertThat(facts.lower()).isEqualTo(Text.lower(text));
    assertThat(facts.blank()).isEqualTo(Text.isBlank(text));
    assertThat(facts.excerpt()).isEqualTo(Text.excerpt(text));
    for (int i = 0; i < ReasonTextMemo.KNOWN.size(); i++) {
      KnownReason known = ReasonTextMemo.KNOWN.get(i);
      assertThat(facts.matches(i)).as("%s on '%s'", known.id(), text).isEqualTo(known.matches(text));
      assertThat(facts.resolved(i)).as("%s on '%s'", known.id(), text).isEqualTo(known.resolve(text));
    }
  }

  private static List<String> corpusReasons() {
    List<String> reasons = new ArrayList<>();
    for (StoppedTask task : CorpusTasks.all()) {
      reasons.add(task.stoppedReason());
      for (ContainerExit c : task.containers()) {
        reasons.add(c.reason());
      }
    }
    reasons.removeIf(r -> r == null);
    return reasons;
  }
}
