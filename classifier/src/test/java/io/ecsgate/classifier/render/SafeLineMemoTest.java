package io.ecsgate.classifier.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ecsgate.classifier.Hostile;
import io.ecsgate.classifier.SafeText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memo must answer what SafeText answers, whatever the slots hold and whoever asks. */
class SafeLineMemoTest {
  private static final List<String> TEXTS = texts();

  @Test
  void answersWhatSafeTextAnswersForEveryTextAndBound() {
    SafeLineMemo memo = new SafeLineMemo(1024);
    for (int round = 0; round < 3; round++) {
      for (String text : TEXTS) {
        for (int max : new int[] {5, 200, 400, SafeText.MAX_LINE, SafeText.MAX_REASON}) {
          assertThat(memo.oneLine(text, max)).as("%s at %d", text, max).isEqualTo(SafeText.oneLine(text, max));
        }
      }
    }
  }

  @Test
  void aTextThatTookTheSlotDoesNotAnswerForAnotherNorForAnotherBound() {
    SafeLineMemo oneSlot = new SafeLineMemo(1);
    String text = "a\u001b[31m red\ttext " + "x".repeat(300);

    for (int round = 0; round < 3; round++) {
      assertThat(oneSlot.oneLine(text, 200)).isEqualTo(SafeText.oneLine(text, 200));
      assertThat(oneSlot.oneLine(text, 20)).isEqualTo(SafeText.oneLine(text, 20));
      assertThat(oneSlot.oneLine(new String(text), 200)).isEqualTo(SafeText.oneLine(text, 200));
      assertThat(oneSlot.oneLine("plain", 200)).isEqualTo("plain");
      assertThat(oneSlot.oneLine(null, 200)).isEmpty();
    }
  }

  @Test
  void twoThreadsSharingOneSmallMemoGetWhatSafeTextGives() throws Exception {
    SafeLineMemo shared = new SafeLineMemo(4);
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    Runnable check = () -> {
      try {
        for (int round = 0; round < 500; round++) {
          for (String text : TEXTS) {
            assertThat(shared.oneLine(text, 400)).isEqualTo(SafeText.oneLine(text, 400));
          }
        }
      } catch (Throwable t) {
        failures.add(t);
      }
    };
    Thread a = new Thread(check);
    Thread b = new Thread(check);
    a.start();
    b.start();
    a.join();
    b.join();
    assertThat(failures).isEmpty();
  }

  @Test
  void slotsAreAPowerOfTwo() {
    assertThatIllegalArgumentException().isThrownBy(() -> new SafeLineMemo(6));
  }

  private static List<String> texts() {
    List<String> texts = new ArrayList<>();
    for (Hostile.Sample s : Hostile.SAMPLES) {
      texts.add(s.text());
    }
    texts.add("Essential container in task exited");
    texts.add("  several   spaces\n\nand lines  ");
    texts.add("surrogate pair cut: " + "x".repeat(190) + "\ud83d\ude00 end");
    return texts;
  }
}
