package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Every flag of every ecs-gate command is documented once: in exactly one Markdown table row whose
 * first cell names it (e.g. {@code | `--cluster C` | …}), in README.md or a page of docs/. Other
 * places link to that row; a second row would drift from the first. A row for a flag the CLI does
 * not have fails too, and so does a row that leaves out the flag's short name ({@code -o}).
 */
class DocsCoverEveryFlagTest {
  /** Pages about another program's command line: the Lambda jar has its own {@code --rules}. */
  private static final Set<String> OTHER_PROGRAMS = Set.of("lambda.md");

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

  /** A row documenting one flag: where it is and every flag name its first cell shows. */
  private record Row(String where, Set<String> names) {}

  @Test
  void everyFlagHasExactlyOneTableRowAndEveryRowAFlag() throws IOException {
    Map<String, OptionSpec> cli = longOptions();
    Map<String, List<Row>> rows = flagRows();

    List<String> problems = new ArrayList<>();
    cli.forEach((name, option) -> {
      List<Row> found = rows.getOrDefault(name, List.of());
      if (found.isEmpty()) {
        problems.add(name + ": no table row whose first cell holds it");
      } else if (found.size() > 1) {
        problems.add(name + ": " + found.size() + " table rows, documented twice: "
            + found.stream().map(Row::where).toList());
      } else {
        for (String alias : option.names()) {
          if (!found.get(0).names().contains(alias)) {
            problems.add(name + ": its row " + found.get(0).where() + " does not show " + alias);
          }
        }
      }
    });
    rows.forEach((name, found) -> {
      if (name.startsWith("--") && !cli.containsKey(name)) {
        problems.add(name + ": documented at " + found.stream().map(Row::where).toList()
            + " but no ecs-gate command has it");
      }
    });

    assertThat(cli).as("the walk over the commands found their options").containsKeys("--cluster", "--help");
    assertThat(problems).as("flags documented in README.md and docs/*.md").isEmpty();
  }

  /** Every long option of ecs-gate and its subcommands, by name (shared options once). */
  private static Map<String, OptionSpec> longOptions() {
    Map<String, OptionSpec> options = new TreeMap<>();
    collect(Main.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter())), options);
    return options;
  }

  private static void collect(CommandLine command, Map<String, OptionSpec> options) {
    for (OptionSpec option : command.getCommandSpec().options()) {
      String longName = option.longestName();
      if (longName.startsWith("--")) {
        options.putIfAbsent(longName, option);
      }
    }
    command.getSubcommands().values().forEach(sub -> collect(sub, options));
  }

  /** Flag name to the table rows whose first cell shows it. */
  private static Map<String, List<Row>> flagRows() throws IOException {
    Path repo = repository();
    List<Path> pages = new ArrayList<>();
    pages.add(repo.resolve("README.md"));
    try (Stream<Path> docs = Files.list(repo.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> !OTHER_PROGRAMS.contains(p.getFileName().toString()))
          .sorted()
          .forEach(pages::add);
    }
    assertThat(pages).as("README.md and the docs pages").hasSizeGreaterThan(5);

    Map<String, List<Row>> rows = new TreeMap<>();
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page);
      boolean inCode = false;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.startsWith("```")) {
          inCode = !inCode;
        }
        if (inCode || !line.startsWith("|")) {
          continue;
        }
        String[] cells = CELL_SEPARATOR.split(line, -1);
        if (cells.length < 3) {
          continue;
        }
        Set<String> names = flagNames(cells[1]);
        Row row = new Row(repo.relativize(page) + ":" + (i + 1), names);
        names.forEach(name -> rows.computeIfAbsent(name, n -> new ArrayList<>()).add(row));
      }
    }
    return rows;
  }

  /** The flags a cell shows: {@code `-o`, `--output text\|json`} shows -o and --output. */
  private static Set<String> flagNames(String cell) {
    Set<String> names = new TreeSet<>();
    Matcher code = CODE.matcher(cell);
    while (code.find()) {
      String text = code.group(1).strip();
      if (text.matches("--?[A-Za-z].*")) {
        names.add(text.split("[\\s=\\[]", 2)[0]);
      }
    }
    return names;
  }

  /** The repository root: Maven runs the tests in gate-cli/, an IDE may run them at the root. */
  static Path repository() {
    Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p : new Path[] {here, here.getParent()}) {
      if (p != null && Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("README.md"))
          && Files.isDirectory(p.resolve("gate-cli"))) {
        return p;
      }
    }
    throw new IllegalStateException("run the tests from gate-cli/ or the repository root, not " + here);
  }
}
