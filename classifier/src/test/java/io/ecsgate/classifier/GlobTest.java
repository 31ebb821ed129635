package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GlobTest {

  @ParameterizedTest(name = "''{0}'' on ''{1}'' -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      prod-*           | prod-main          | true
      prod-*           | prod-              | true
      prod-*           | dev-prod-main      | false
      *-api            | payments-api       | true
      *-api            | payments-api-v2    | false
      migrate:1?       | migrate:12         | true
      migrate:1?       | migrate:1          | false
      migrate:1?       | migrate:123        | false
      *                | ''                 | true
      ''               | ''                 | true
      ''               | x                  | false
      a*b*c            | abxbyc             | true
      a*b*c            | abxbycd            | false
      **a**            | bab                | true
      ?                | 日                  | true
      a.b              | a.b                | true
      a.b              | axb                | false
      (x)+[y]          | (x)+[y]            | true
      family:*migrate* | family:db-migrate  | true
      family:*migrate* | service:migrate    | false
      arn:aws:ecs:*    | arn:aws:ecs:eu-west-1:1:cluster/x | true
      """)
  void starIsAnyRunQuestionMarkOneCharacterAndTheWholeValueMustMatch(String glob, String value, boolean expected) {
    assertThat(new Glob(glob).matches(value)).isEqualTo(expected);
  }

  @Test
  void aSurrogatePairIsOneCharacter() {
    assertThat(new Glob("x?y").matches("x\uD83D\uDE80y")).isTrue();
  }

  @Test
  void nullNeverMatches() {
    assertThat(new Glob("*").matches(null)).isFalse();
  }

  /** Hang guard: a backtracking matcher takes minutes here; a linear one milliseconds. */
  @Test
  void manyStarsOnALongNameFinishAndDoNotMatch() {
    Glob glob = new Glob("*a*a*a*a*a*a*a*a*a*a*b");
    String name = "a".repeat(100_000);

    boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> glob.matches(name));

    assertThat(matched).isFalse();
    assertThat(glob.matches(name + "b")).isTrue();
  }
}
