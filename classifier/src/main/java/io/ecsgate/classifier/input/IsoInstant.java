package io.ecsgate.classifier.input;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses the one timestamp shape EventBridge writes, from the line's bytes, {@code 2026-11-20T03:12:44Z} or with a
 * fraction of up to nine digits ({@code .086Z}), by hand: {@code OffsetDateTime.parse} was a
 * quarter of the time of reading an archive. Any other text, or a time before 1970, is null, and
 * the full path ({@code JsonFields.instant}) parses it or words the error. One per reader, not
 * thread-safe: it keeps the last minute and the last day it read, as the timestamps of an archive
 * share them, and parsing them showed in profiles.
 */
final class IsoInstant {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * The last minute read ({@code yyyy-mm-ddThh:mm}, as two words) and its epoch second: an event's
   * timestamps mostly share their minute, and the next event's often too.
   */
  private boolean minuteRead;
  private long lastMinuteHead;
  private long lastMinuteTail;
  private long lastMinuteSeconds;
  /** The last day read, as year, month and day digits: the next timestamps almost always share it. */
  private int lastDayKey;
  private long lastEpochDay;

  /** The bytes {@code [from, from + n)} as a timestamp, or null. */
  Instant parse(byte[] b, int from, int n) {
    if (n < 20 || b[from + 16] != ':' || b[from + n - 1] != 'Z') {
      return null;
    }
    long head = (long) LONGS.get(b, from);
    long tail = (long) LONGS.get(b, from + 8);
    long minuteSeconds;
    if (minuteRead && head == lastMinuteHead && tail == lastMinuteTail) {
      minuteSeconds = lastMinuteSeconds; // the same bytes as a minute already checked
    } else {
      minuteSeconds = minuteSeconds(b, from);
      if (minuteSeconds < 0) {
        return null;
      }
      minuteRead = true;
      lastMinuteHead = head;
      lastMinuteTail = tail;
      lastMinuteSeconds = minuteSeconds;
    }
    int second = digits(b, from + 17, 2);
    if (second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n != 20) {
      int fraction = n - 21; // between the '.' and the 'Z'
      if (b[from + 19] != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      int f = digits(b, from + 20, fraction);
      if (f < 0) {
        return null;
      }
      nanos = f;
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    return Instant.ofEpochSecond(minuteSeconds + second, nanos);
  }

  /**
   * The epoch second of {@code yyyy-mm-ddThh:mm} at {@code from}, or -1 for any other text, a day
   * that does not exist or a time before 1970.
   */
  private long minuteSeconds(byte[] b, int from) {
    if (b[from + 4] != '-' || b[from + 7] != '-' || b[from + 10] != 'T' || b[from + 13] != ':') {
      return -1;
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    int hour = digits(b, from + 11, 2);
    int minute = digits(b, from + 14, 2);
    if (year < 1970 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return -1;
    }
    long epochDay;
    int dayKey = (year * 100 + month) * 100 + day; // year < 10000: one number per date, never 0
    if (dayKey == lastDayKey) {
      epochDay = lastEpochDay;
    } else {
      try {
        epochDay = LocalDate.of(year, month, day).toEpochDay();
      } catch (DateTimeException e) {
        return -1; // no such day (Feb 30): the full path words it
      }
      lastDayKey = dayKey;
      lastEpochDay = epochDay;
    }
    return epochDay * 86_400 + hour * 3_600L + minute * 60L;
  }

  /** The number written by {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(byte[] b, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      byte c = b[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
