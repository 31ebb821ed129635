package io.ecsgate.classifier.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteLinesTest {

  @Test
  void aLineLongerThanTheBoundKeepsOnlyTheBoundAndCountsTheRest() throws Exception {
    ByteLines lines = new ByteLines(new GeneratedInput().run('x', 1_000_000).text("\r\nnext\n"), 1000);

    assertThat(lines.next()).isTrue();
    assertThat(lines.isTooLong()).isTrue();
    assertThat(lines.fullLength()).isEqualTo(1_000_000);
    assertThat(lines.length()).isEqualTo(1000);
    assertThat(lines.bytes().length).as("the buffer never grows past the bound").isLessThanOrEqualTo(1000);
    assertThat(lines.next()).isTrue();
    assertThat(new String(lines.bytes(), 0, lines.length())).isEqualTo("next");
    assertThat(lines.isTooLong()).isFalse();
    assertThat(lines.next()).isFalse();
  }

  @Test
  void aCarriageReturnJustPastTheBoundDoesNotMakeALineTooLong() throws Exception {
    ByteLines lines = new ByteLines(new GeneratedInput().run('x', 1000).text("\r\n"), 1000);

    assertThat(lines.next()).isTrue();
    assertThat(lines.isTooLong()).isFalse();
    assertThat(lines.length()).isEqualTo(1000);
  }
}
