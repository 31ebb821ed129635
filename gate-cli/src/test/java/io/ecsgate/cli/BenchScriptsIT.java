package io.ecsgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bench scripts' argument handling, the only part fast enough for a test: {@code --help} prints
 * the usage and exits 0, a wrong argument is a usage error (64), and neither creates, deletes or
 * starts anything. Each run uses a copy of {@code bench/} in a temporary tree with an output folder
 * to lose, and a PATH whose java, python3, moto_server, aws and curl only record that they ran.
 */
class BenchScriptsIT {
  private static final long SECONDS = 60;
  private static final List<String> RECORDED = List.of("java", "python3", "moto_server", "aws", "curl", "jq");

  @TempDir Path root;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      classify        | --help        | 0  | usage: bench/classify/run.sh
      classify        | -h            | 0  | usage: bench/classify/run.sh
      lambda-cold     | --help        | 0  | usage: bench/lambda-cold/run.sh
      startup         | --help        | 0  | usage: bench/startup/run.sh
      startup         | --bogus       | 64 | unknown option '--bogus'
      startup         | 0             | 64 | RUNS is a number of runs
      verdict-latency | --help        | 0  | usage: bench/verdict-latency/run.sh
      verdict-latency | --report-only --help | 0 | usage: bench/verdict-latency/run.sh
      classify        | --bogus       | 64 | unknown option '--bogus'
      lambda-cold     | --bogus       | 64 | unknown option '--bogus'
      verdict-latency | --bogus       | 64 | unknown option '--bogus'
      classify        | many          | 64 | N is a number of events
      lambda-cold     | seven         | 64 | RUNS is a number of runs
      verdict-latency | 0             | 64 | TIME_SCALE is a number above 0
      verdict-latency | 0.05 0.1      | 64 | one TIME_SCALE at most
      """)
  void helpOrAMistakeEndsBeforeAnythingIsTouched(String bench, String args, int expectedCode, String expected)
      throws Exception {
    Path repo = DocsCoverEveryFlagTest.repository();
    copy(repo.resolve("bench"), root.resolve("bench"));
    Path out = Files.createDirectories(root.resolve("bench/out/verdict-latency"));
    Files.writeString(out.resolve("last-run.txt"), "a previous run's results");
    Path bin = Files.createDirectories(root.resolve("fake-bin"));
    Path calls = root.resolve("calls.log");
    for (String tool : RECORDED) {
      Path fake = bin.resolve(tool);
      Files.writeString(fake, "#!/bin/sh\necho \"$0 $*\" >> '" + calls + "'\nexit 1\n");
      fake.toFile().setExecutable(true);
    }
    List<String> before = tree(root.resolve("bench"));

    ProcessBuilder pb = new ProcessBuilder(Stream.concat(
        Stream.of("bash", root.resolve("bench/" + bench + "/run.sh").toString()), Stream.of(args.split(" "))).toList())
        .directory(root.toFile())
        .redirectOutput(root.resolve("stdout").toFile()).redirectError(root.resolve("stderr").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("PATH", bin + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
    Process p = pb.start();
    boolean exited;
    try {
      exited = p.waitFor(SECONDS, TimeUnit.SECONDS);
    } finally {
      p.destroyForcibly();
    }

    String stdout = Files.readString(root.resolve("stdout"));
    String stderr = Files.readString(root.resolve("stderr"));
    assertThat(exited).as("exited; stderr: %s", stderr).isTrue();
    assertThat(p.exitValue()).as("exit code; stderr: %s", stderr).isEqualTo(expectedCode);
    assertThat(expectedCode == 0 ? stdout : stderr).contains(expected);
    assertThat(tree(root.resolve("bench"))).as("nothing created or deleted under bench/").isEqualTo(before);
    assertThat(Files.readString(out.resolve("last-run.txt"))).isEqualTo("a previous run's results");
    assertThat(calls).as("no tool started").doesNotExist();
  }

  private static List<String> tree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.map(f -> dir.relativize(f).toString()).sorted().toList();
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(f -> !f.startsWith(from.resolve("out"))).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
