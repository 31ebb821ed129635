package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only the classifier's public packages are used outside it (DESIGN.md, "One core, thin edges"):
 * whatever another module needs (ARNs, globs, safe one-line text) is public API, so the internals
 * can change without breaking the gate or the Lambda. Read from the sources of every sibling
 * module, so the build fails on the first such import wherever it is written.
 */
class InternalPackageBoundaryTest {
  private static final Pattern INTERNAL_IMPORT =
      Pattern.compile("(?m)^\\s*import\\s+(static\\s+)?io\\.ecsgate\\.classifier\\.internal\\b|io\\.ecsgate\\.classifier\\.internal\\.[A-Z]");

  @Test
  void noClassOutsideTheClassifierUsesItsInternalPackage() throws IOException {
    Path repo = repositoryRoot();
    List<String> offenders;
    try (Stream<Path> files = Files.walk(repo)) {
      offenders = files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !repo.relativize(p).startsWith("classifier"))
          .filter(p -> !repo.relativize(p).toString().contains("/target/"))
          .filter(p -> INTERNAL_IMPORT.matcher(read(p)).find())
          .map(p -> repo.relativize(p).toString())
          .sorted()
          .toList();
    }

    assertThat(offenders).as("classes outside classifier/ that use io.ecsgate.classifier.internal").isEmpty();
  }

  @Test
  void theCheckSeesTheOtherModules() {
    // Guards the test above against passing because it looked in the wrong place.
    Path repo = repositoryRoot();
    assertThat(repo.resolve("gate-cli/src/main/java")).isDirectory();
    assertThat(repo.resolve("lambda/src/main/java")).isDirectory();
    assertThat(INTERNAL_IMPORT.matcher("import io.ecsgate.classifier.internal.Text;").find()).isTrue();
    assertThat(INTERNAL_IMPORT.matcher("x = io.ecsgate.classifier.internal.Text.oneLine(s);").find()).isTrue();
    assertThat(INTERNAL_IMPORT.matcher("import io.ecsgate.classifier.Arns;").find()).isFalse();
  }

  private static Path repositoryRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("classifier").resolve("src"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root above %s", System.getProperty("user.dir")).isNotNull();
    return dir;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
