package org.carewatch.profiles.sensor;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the one ISO-8601 shape devices nearly always send ({@code 2026-12-01T08:30:00.123+08:00} or
 * {@code ...Z}, fraction optional) without {@code DateTimeFormatter}, whose general parser cost about 40 %
 * of the decoder's time at tens of thousands of messages a second. Fields are still range-checked by
 * {@code java.time}. Anything else returns null and the caller falls back to the general parser, so this
 * only ever changes speed, never which strings are accepted or what they mean.
 */
final class IsoTimestamps {
    private IsoTimestamps() {
    }

    /** The instant, or null when {@code s} is not exactly {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)}. */
    static OffsetDateTime parseCommon(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int count = i - start;
            if (count == 0 || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = offset(s, i);
        if (offset == null) {
            return null;
        }
        // LocalDate/LocalTime reject 2026-02-30, 24:00 and the like, as the general parser does.
        return OffsetDateTime.of(LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nanos)), offset);
    }

    private static ZoneOffset offset(String s, int i) {
        int rest = s.length() - i;
        if (rest == 1 && s.charAt(i) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (rest != 6 || (s.charAt(i) != '+' && s.charAt(i) != '-') || s.charAt(i + 3) != ':') {
            return null;
        }
        int h = digits(s, i + 1, 2);
        int m = digits(s, i + 4, 2);
        if ((h | m) < 0) {
            return null;
        }
        int sign = s.charAt(i) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * h, sign * m);
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
