package io.ecsgate.classifier.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Passes a stream through while keeping the bytes read since a mark, up to a bound: a document's
 * item is first skipped by the streaming parser (no tree, constant memory) and then, if it was no
 * larger than the bound, parsed from the bytes kept here. Past the bound only the last
 * {@link #WINDOW} bytes are kept, enough to mark the start of the next item the parser has
 * already read ahead into its own buffer (Jackson's is 8000 bytes).
 */
final class RecordingInput extends FilterInputStream {
  static final int WINDOW = 1 << 16;

  private final int bound;
  private byte[] kept = new byte[WINDOW];
  private long keptFrom; // stream offset of kept[0]
  private int keptLength;
  private boolean overflowed;

  RecordingInput(InputStream in, int bound) {
    super(in);
    this.bound = bound;
  }

  /** Forgets what came before {@code offset}, which must not be before what is still kept. */
  void mark(long offset) {
    int drop = (int) (offset - keptFrom);
    System.arraycopy(kept, drop, kept, 0, keptLength - drop);
    keptLength -= drop;
    keptFrom = offset;
    overflowed = false;
  }

  /** Whether more than the bound was read since the last mark. */
  boolean overflowed() {
    return overflowed;
  }

  /**
   * Parses the bytes from {@code from} to {@code to} (stream offsets, both since the last mark) in
   * place, without a copy; only when not {@link #overflowed()}.
   */
  JsonNode parse(ObjectMapper mapper, long from, long to) throws IOException {
    return mapper.readTree(kept, (int) (from - keptFrom), (int) (to - from));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      keep(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skip is not supported: every byte must be seen");
  }

  private void keep(byte[] b, int off, int n) {
    if (keptLength + n > bound + WINDOW) {
      // Too large to parse: keep only the last WINDOW bytes, which the next mark needs.
      overflowed = true;
      if (n >= WINDOW) {
        keptFrom += keptLength + n - WINDOW;
        System.arraycopy(b, off + n - WINDOW, kept, 0, WINDOW);
        keptLength = WINDOW;
        return;
      }
      int from = Math.max(0, keptLength - (WINDOW - n));
      System.arraycopy(kept, from, kept, 0, keptLength - from);
      keptFrom += from;
      keptLength -= from;
    }
    if (keptLength + n > kept.length) {
      kept = Arrays.copyOf(kept, Math.min(bound + WINDOW, Math.max(kept.length * 2, keptLength + n)));
    }
    System.arraycopy(b, off, kept, keptLength, n);
    keptLength += n;
  }
}
