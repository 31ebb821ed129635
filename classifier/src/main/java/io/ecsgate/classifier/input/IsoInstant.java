package io.ecsgate.classifier.input;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Parses the one timestamp shape EventBridge writes, {@code 2026-11-20T03:12:44Z} or with a
 * fraction of up to nine digits ({@code .086Z}), by hand: {@code OffsetDateTime.parse} was a
 * quarter of the time of reading an archive. Any other text, or a time before 1970, is null, and
 * the full path ({@code JsonFields.instant}) parses it or words the error.
 */
final class IsoInstant {
  private IsoInstant() {}

  static Instant parse(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 1970 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n != 20) {
      int fraction = n - 21; // between the '.' and the 'Z'
      if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      int f = digits(s, 20, fraction);
      if (f < 0) {
        return null;
      }
      nanos = f;
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return null; // no such day (Feb 30): the full path words it
    }
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The number written by {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
