package io.ecsgate.classifier.input;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An input made of text pieces and long runs of one character, produced as it is read: the test holds none of it. */
final class GeneratedInput extends InputStream {
  private final List<byte[]> pieces = new ArrayList<>();
  private final List<Long> repeats = new ArrayList<>();
  private int piece;
  private int offset;
  private long repeated;

  GeneratedInput text(String text) {
    pieces.add(text.getBytes(StandardCharsets.UTF_8));
    repeats.add(1L);
    return this;
  }

  GeneratedInput run(char c, long count) {
    pieces.add(new byte[] {(byte) c});
    repeats.add(count);
    return this;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    int n = 0;
    while (n < len && piece < pieces.size()) {
      byte[] p = pieces.get(piece);
      b[off + n++] = p[offset++];
      if (offset == p.length) {
        offset = 0;
        if (++repeated == repeats.get(piece)) {
          repeated = 0;
          piece++;
        }
      }
    }
    return n == 0 && len > 0 ? -1 : n;
  }
}
