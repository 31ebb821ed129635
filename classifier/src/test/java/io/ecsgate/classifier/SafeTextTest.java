package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

class SafeTextTest {

  @ParameterizedTest(name = "{0}")
  @FieldSource("io.ecsgate.classifier.Hostile#SAMPLES")
  void noHostileSampleSurvivesButItsWordsDo(Hostile.Sample sample) {
    String safe = SafeText.oneLine(sample.text());

    Hostile.assertNeutral(safe);
    assertThat(safe).contains(sample.visible());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a colour is dropped with its codes, not left as [31m    | boom \\u001b[31mRED\\u001b[0m done                     | boom RED done
      a link keeps its text, not its target                   | see \\u001b]8;;https://x.example\\u0007here\\u001b]8;;\\u0007. | see here.
      an unterminated OSC loses only its introducer           | a\\u001b]8;;b                                           | a8;;b
      a two-character escape goes whole                       | a\\u001bcb                                              | ab
      a charset designation goes whole                        | a\\u001b(Bb                                             | ab
      an ESC at the end goes                                  | a\\u001b                                                | a
      C1 CSI is a CSI                                         | a\\u009b2Jb                                             | ab
      a section marker cannot be formed again                 | section_end:1:x\\r\\u001b[0K                             | section_end :1:x
      text that merely mentions sections stays                | the section_name is fine                               | the section_name is fine
      """)
  void sequencesGoWholeAndMarkersAreBroken(String why, String in, String expected) {
    assertThat(SafeText.oneLine(unescape(in))).as(why).isEqualTo(expected);
  }

  @Test
  void stripKeepsTheSpacingOfOurOwnText() {
    assertThat(SafeText.strip("go on with: ecs-gate continue  (or: aws ecs)\u001b[1m"))
        .isEqualTo("go on with: ecs-gate continue  (or: aws ecs)");
  }

  @Test
  void ordinaryUnicodeIsPrintedAsItIsWithoutACopy() {
    String text = "Essential container in task exited … café → ça marche, 日本語のログ";
    assertThat(SafeText.strip(text)).isSameAs(text);
    // Beside such text, what must go still goes: the check does not stop at the first non-ASCII.
    assertThat(SafeText.strip("café \u202Eevil\u0085end")).isEqualTo("café evil end");
    assertThat(SafeText.strip("… \uD800 lone")).isEqualTo("…  lone");
    assertThat(SafeText.strip("… \u2028 \uFFFE x")).isEqualTo("…    x");
  }

  @Test
  void shorteningNeverLeavesHalfASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    assertThat(SafeText.oneLine("aaaaaaaaa" + emoji + " and more", 11)).isEqualTo("aaaaaaaaa…");
    assertThat(SafeText.oneLine("aaaaaaaa" + emoji + " and more", 11)).isEqualTo("aaaaaaaa" + emoji + "…");
  }

  /** CsvSource cannot hold control characters: they are written as Java escapes. */
  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'u') {
        b.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == 'r') {
        b.append('\r');
        i++;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
