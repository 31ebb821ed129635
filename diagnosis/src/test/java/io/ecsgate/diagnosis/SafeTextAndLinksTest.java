package io.ecsgate.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.classifier.SafeText;
import org.junit.jupiter.api.Test;

class SafeTextAndLinksTest {
  @Test
  void controlAndFormatCharactersNeverSurvive() {
    assertThat(SafeText.oneLine("a\u001b[2J\r\nb\tc\u0085d\u202ee\u200bf\u2028g\u0000h")).isEqualTo("a b c def g h");
    assertThat(SafeText.oneLine("x\uD800y")).as("lone surrogate").isEqualTo("xy");
    assertThat(SafeText.oneLine("😀 ok")).isEqualTo("😀 ok");
    assertThat(SafeText.oneLine(null)).isEmpty();
    assertThat(SafeText.oneLine("a".repeat(10) + "😀", 11)).as("cut inside a pair").isEqualTo("aaaaaaaaaa…");
  }

  @Test
  void consoleLinksFollowTheRegionsPartition() {
    assertThat(new ConsoleLinks("eu-central-1").service("prod", "web"))
        .isEqualTo("https://eu-central-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/web/events?region=eu-central-1");
    assertThat(new ConsoleLinks("cn-north-1").task("prod", "abc"))
        .isEqualTo("https://cn-north-1.console.amazonaws.cn/ecs/v2/clusters/prod/tasks/abc/configuration?region=cn-north-1");
    assertThat(new ConsoleLinks("us-gov-west-1").service("prod", "web"))
        .startsWith("https://console.amazonaws-us-gov.com/ecs/v2/clusters/prod/services/web/");
    assertThat(new ConsoleLinks(null).service("prod", "web")).isNull();
  }

  @Test
  void logStreamLinksEncodeNamesTwiceAndUseTheLogGroupsRegion() {
    assertThat(new ConsoleLinks("us-east-1").logStream("eu-west-1", "/ecs/web#1", "ecs/app/abc"))
        .isEqualTo("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1"
            + "#logsV2:log-groups/log-group/$252Fecs$252Fweb$25231/log-events/ecs$252Fapp$252Fabc");
    assertThat(new ConsoleLinks("us-east-1").logStream(null, "g", "s")).contains("region=us-east-1#");
  }
}
