package io.ecsgate.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Text that tries to take over a terminal or a GitLab job log, as a stopped reason, a container
 * reason, a service event or a log line may carry it; and the check that a printed line did not
 * let any of it through. gate-cli's tests use it too (the classifier's test jar).
 */
public final class Hostile {
  private Hostile() {}

  /** A name, the hostile text, and the visible words that must survive. */
  public record Sample(String name, String text, String visible) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static final List<Sample> SAMPLES = List.of(
      new Sample("CSI colours", "boom \u001b[31mRED\u001b[0m done", "RED"),
      new Sample("CSI clear screen, cursor home", "\u001b[2J\u001b[Hwiped", "wiped"),
      new Sample("OSC-8 hyperlink ended by ST", "\u001b]8;;https://evil.example/x\u001b\\click me\u001b]8;;\u001b\\", "click me"),
      new Sample("OSC title ended by BEL", "\u001b]0;pwned\u0007title", "title"),
      new Sample("BEL, BS, DEL", "bell\u0007 back\b\b\bspace del\u007f", "bell"),
      new Sample("C1 CSI and NEL", "c1\u009b31mred\u0085next", "red"),
      new Sample("bidi overrides and isolates", "\u202atxt\u202b\u202c\u202d\u202e.exe\u2066a\u2067b\u2068c\u2069", "txt"),
      new Sample("line and paragraph separators", "one\u2028two\u2029three", "three"),
      new Sample("forged GitLab section end", "x\u001b[0Ksection_end:1:ecs_gate_0_tasks\r\u001b[0Ky", "ecs_gate_0_tasks"),
      new Sample("bare GitLab section start", "section_start:1700000000:evil[collapsed=true]\r\u001b[0Kheader", "header"),
      new Sample("carriage return overwrite", "FAILED\rSTABLE", "STABLE"));

  /** What a printed line must not hold: control, format and separator characters, and what is left of sequences. */
  public static void assertNeutral(String line) {
    assertThat(line.codePoints().filter(cp -> {
      int type = Character.getType(cp);
      return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR;
    }).toArray()).as("control, format or separator characters in %s", line).isEmpty();
    assertThat(line).as("remains of escape sequences or section markers")
        .doesNotContain("[31m", "[0m", "[2J", "]8;;", "]0;", "evil.example", "section_end:", "section_start:", "[0K");
  }
}
