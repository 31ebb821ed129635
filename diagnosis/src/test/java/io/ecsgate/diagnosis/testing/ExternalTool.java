package io.ecsgate.diagnosis.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a program on PATH, so tests that need a real peer can skip cleanly when it is absent. */
public final class ExternalTool {
  private ExternalTool() {}

  public static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return true;
      }
    }
    return false;
  }
}
