package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every ecs-gate command line the docs show in a shell example ({@code ```sh} lines, {@code $ }
 * lines of {@code ```console}) parses with the real command line: no flag that does not exist, no
 * value it refuses. Pipes, redirects and comments after the command are not ecs-gate's and are cut.
 */
class DocsCommandLinesParseTest {
  private static final Pattern BLOCK = Pattern.compile("(?s)```(sh|console)\n(.*?)```");
  private static final Pattern WORD = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)");

  static Stream<String> commandLines() throws IOException {
    Path repo = DocsCoverEveryFlagTest.repository();
    List<Path> pages = new ArrayList<>(List.of(repo.resolve("README.md")));
    try (Stream<Path> docs = Files.list(repo.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> lines = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = BLOCK.matcher(Files.readString(page));
      while (m.find()) {
        boolean console = m.group(1).equals("console");
        for (String line : m.group(2).split("\n")) {
          String command = console ? (line.startsWith("$ ") ? line.substring(2) : "") : line;
          if (command.matches("(\\./)?ecs-gate \\S.*")) {
            lines.add(repo.relativize(page) + ": " + command);
          }
        }
      }
    }
    assertThat(lines).as("ecs-gate examples in the docs").hasSizeGreaterThanOrEqualTo(5);
    return lines.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandLines")
  void parses(String example) {
    List<String> args = args(example.substring(example.indexOf(": ") + 2));
    CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));

    cli.parseArgs(args.toArray(String[]::new));
  }

  /** The words after the program name, up to the first pipe, redirect, comment or {@code &&}. */
  private static List<String> args(String command) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(command);
    while (m.find()) {
      String word = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      if (m.group(3) != null && word.matches("\\||&&|#.*|\\d?>.*|<.*")) {
        break;
      }
      words.add(word);
    }
    return words.subList(1, words.size());
  }
}
