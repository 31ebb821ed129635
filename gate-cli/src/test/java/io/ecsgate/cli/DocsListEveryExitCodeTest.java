package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecsgate.report.ExitCode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The exit codes are listed once in --help (built from {@link ExitCode}) and once in
 * docs/exit-codes.md: the two lists hold the same codes, and no verb's --help repeats them.
 */
class DocsListEveryExitCodeTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| (\\d+) \\|");

  @Test
  void theDocsTableListsExactlyTheCodesOfTheEnum() throws IOException {
    String page = Files.readString(DocsCoverEveryFlagTest.repository().resolve("docs/exit-codes.md"));
    int start = page.indexOf("## `ecs-gate`");
    int end = page.indexOf("\n## ", start + 1);
    Matcher m = ROW.matcher(page.substring(start, end));
    List<Integer> documented = m.results().map(r -> Integer.parseInt(r.group(1))).toList();

    assertThat(start).isPositive();
    assertThat(documented).containsExactlyElementsOf(Arrays.stream(ExitCode.values()).map(ExitCode::code).toList());
  }

  @Test
  void rootHelpListsEveryCodeAndTheVerbsPointToIt() {
    String root = help("--help");

    for (ExitCode c : ExitCode.values()) {
      assertThat(root).contains(String.format("  %-4s %s", c.code(), c.meaning().substring(0, Math.min(15, c.meaning().length()))));
    }
    for (String verb : List.of("deploy", "wait", "diagnose", "demo", "classify")) {
      assertThat(help(verb, "--help")).as(verb).contains("Exit codes: see 'ecs-gate --help'").doesNotContain("  64   ");
    }
  }

  private static String help(String... args) {
    StringWriter out = new StringWriter();
    assertThat(Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args)).isZero();
    return out.toString();
  }
}
