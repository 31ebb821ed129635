package io.ecsgate.classifier;

/** A rules file that cannot be used; the message reads {@code FILE:LINE: what is wrong}. */
public final class RulesFileException extends Exception {
  private final String file;
  private final int line;

  public RulesFileException(String file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  /** 1-based line, or 0 when the problem is the whole file (e.g. it cannot be read). */
  public int line() {
    return line;
  }
}
