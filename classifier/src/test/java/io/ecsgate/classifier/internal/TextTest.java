package io.ecsgate.classifier.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTest {
  /** White space, Unicode spaces \s does not cover, and plain letters, in random runs. */
  private static final String ALPHABET = " \t\n\u000B\f\r\u00A0\u2028\u3000\u001Cab";

  @Test
  void collapsingWhitespaceByHandIsTheRegexItReplaced() {
    Random r = new Random(Long.getLong("properties.seed", new Random().nextLong()));
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int j = r.nextInt(12); j > 0; j--) {
        b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
      String s = b.toString();
      assertThat(Text.collapseWhitespace(s)).as("'%s'", s).isEqualTo(s.replaceAll("\\s+", " "));
      assertThat(Text.oneLine(s, 5)).as("'%s'", s).isEqualTo(oneLineByRegex(s, 5));
    }
  }

  @Test
  void textWithoutARunOfWhitespaceComesBackAsItIs() {
    String reason = "CannotPullContainerError: pull image manifest has been retried 1 time(s)";
    assertThat(Text.collapseWhitespace(reason)).isSameAs(reason);
    assertThat(Text.collapseWhitespace("a \t\n b")).isEqualTo("a b");
  }

  private static String oneLineByRegex(String s, int max) {
    String flat = s.strip().replaceAll("\\s+", " ");
    return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
  }
}
