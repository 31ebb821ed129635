package io.ecsgate.classifier.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README suggests -Xmx64m for classify: one 12 MB item must not exhaust that heap or lose the
 * items after it. Run in a child JVM, since a heap limit is a property of the whole JVM.
 */
class BoundedMemoryTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      lines    | Signal@in.json:1 | Malformed@in.json:2 | Signal@in.json:3
      document | Signal@in.json:2 | Malformed@in.json:3 | Signal@in.json:4
      """)
  void aTwelveMegabyteItemBetweenTwoGoodEventsIsOneErrorUnderSixtyFourMegabytesOfHeap(
      String shape, String first, String tooLarge, String last) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), BoundedMemoryMain.class.getName(), shape)
        .redirectErrorStream(true)
        .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(child.exitValue()).as(output).isZero();
    List<String> lines = output.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(first);
    assertThat(lines.get(1)).startsWith(tooLarge + ": item too large: ").contains("more than the 4 MiB");
    assertThat(lines.get(2)).isEqualTo(last);
  }
}
