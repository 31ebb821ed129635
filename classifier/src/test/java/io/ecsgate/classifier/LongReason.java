package io.ecsgate.classifier;

/**
 * A container reason as long as ECS writes them since 2025-05: 1,024 characters (botocore 1.38.18,
 * "A short (1024 max characters)"; before, 255, cut to 252 and "..." as aws/containers-roadmap#1332
 * complained). Its first 205 characters are the reason quoted in aws/amazon-ecs-agent#3217 ("Stop
 * Truncating the output for Task Failures"), which was cut after "context ca"; the rest is written
 * by us in the containerd log format that reason shows, up to the limit. Its end names the layer
 * that failed: exactly what a cut loses. Shared with gate-cli's report tests.
 */
public final class LongReason {
  private LongReason() {}

  /** The words at the very end of {@link #TEXT}. */
  public static final String END = "layer sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef: context canceled\"";

  public static final String TEXT = build();

  private static String build() {
    String start = "CannotPullContainerError: containerd: pull command failed: time=\"2020-06-01T10:12:41Z\""
        + " level=info msg=\"apply failure, attempting cleanup\" error=\"failed to extract layer"
        + " sha256:8a2b3c4d5e6f: context canceled\"";
    StringBuilder b = new StringBuilder(start);
    String tail = " time=\"2020-06-01T10:12:49Z\" level=error msg=\"failed to extract " + END;
    for (int n = 1; ; n++) {
      String retry = " time=\"2020-06-01T10:12:4" + (n % 10) + "Z\" level=info msg=\"retrying layer " + n + "\"";
      if (b.length() + retry.length() + tail.length() + 12 > 1024) {
        break;
      }
      b.append(retry);
    }
    // What is left is filled inside one more field: no run of spaces, so one line keeps all 1,024.
    int fill = 1024 - b.length() - tail.length() - " digest=\"\"".length();
    b.append(" digest=\"").append("0".repeat(fill)).append('"');
    b.append(tail);
    String text = b.toString();
    if (text.length() != 1024 || !text.endsWith(END)) {
      throw new IllegalStateException("LongReason is " + text.length() + " characters");
    }
    return text;
  }
}
