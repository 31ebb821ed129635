package io.ecsgate.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.slack.internal.Mrkdwn;
import org.junit.jupiter.api.Test;

class MrkdwnTest {
  @Test
  void mentionsLinksAndEntitiesAreEscaped() {
    assertThat(Mrkdwn.text("<!channel> <@U123> <https://evil|click> & <!subteam^S1>", 500))
        .isEqualTo("&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt; &amp; &lt;!subteam^S1&gt;");
  }

  @Test
  void oneValueIsOneLineWithoutControlOrInvisibleCharacters() {
    assertThat(Mrkdwn.text("first\n> quoted\r\n\tsecond\u202e\u200b \u0007end", 500)).isEqualTo("first &gt; quoted second end");
    assertThat(Mrkdwn.text(null, 10)).isEmpty();
  }

  @Test
  void cuttingNeverSplitsAnEntityOrASurrogatePair() {
    String escaped = Mrkdwn.escape("ab&&&&");  // ab&amp;&amp;&amp;&amp;
    for (int max = 2; max <= escaped.length(); max++) {
      String cut = Mrkdwn.cut(escaped, max);
      assertThat(cut.length()).isLessThanOrEqualTo(max);
      assertThat(cut.replace(Mrkdwn.ELLIPSIS, "")).matches("ab?(&amp;)*");
    }
    String emoji = "a\uD83D\uDE00\uD83D\uDE00";
    assertThat(Mrkdwn.cut(emoji, 3)).isEqualTo("a…");
  }

  @Test
  void codeCannotBeClosedByTheTextInside() {
    assertThat(Mrkdwn.code("```x` <b>", 100)).isEqualTo("ˋˋˋxˋ &lt;b&gt;");
  }

  @Test
  void linksAreOursWithAnEscapedLabelAndASafeUrl() {
    assertThat(Mrkdwn.link("https://gitlab.example.com/jobs/1?a=1&b=2", "CI <job>"))
        .isEqualTo("<https://gitlab.example.com/jobs/1?a=1&amp;b=2|CI &lt;job&gt;>");
    assertThat(Mrkdwn.link("https://x.example/a|b>c", "x")).isEqualTo("<https://x.example/a%7Cb%3Ec|x>");
    assertThat(Mrkdwn.link("javascript:alert(1)", "x")).isEqualTo("x");
    assertThat(Mrkdwn.link("https://x.example/a b", "x")).isEqualTo("x");
    assertThat(Mrkdwn.link(null, "x")).isEqualTo("x");
  }
}
