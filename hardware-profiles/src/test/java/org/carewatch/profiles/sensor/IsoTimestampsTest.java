package org.carewatch.profiles.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T08:30:00Z", "2026-12-01T08:30:00.1Z", "2026-12-01T08:30:00.123456789+08:00",
            "2024-02-29T23:59:59-05:30", "2026-06-15T00:00:00.000+00:00", "1999-01-01T12:00:00.5-00:30"})
    void agreesWithTheGeneralParserOnTheCommonShape(String s) {
        OffsetDateTime fast = IsoTimestamps.parseCommon(s);
        assertNotNull(fast, s);
        assertEquals(OffsetDateTime.parse(s, DateTimeFormatter.ISO_DATE_TIME).toInstant(), fast.toInstant(), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T08:30Z", "2026-12-01T08:30:00", "2026-12-01 08:30:00Z", "2026-12-01T08:30:00+0800",
            "2026-12-01T08:30:00.Z", "2026-12-01T08:30:00.1234567890Z", "2026-12-01T08:30:00Z[UTC]", "+12026-12-01T08:30:00Z",
            "2026-12-01T08:30:00+08:00:00", "2026-1a-01T08:30:00Z", "2026-12-01T08:30:00z", "2026-12-01T08:30:00+08"})
    void leavesOtherShapesToTheGeneralParser(String s) {
        assertNull(IsoTimestamps.parseCommon(s), s);
    }

    @Test
    void rejectsImpossibleFieldsLikeTheGeneralParser() {
        for (String s : new String[] {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T23:60:00Z",
                "2026-12-01T23:00:60Z", "2026-12-01T23:00:00+19:00"}) {
            boolean general = throwsParsing(() -> OffsetDateTime.parse(s, DateTimeFormatter.ISO_DATE_TIME));
            boolean fast = throwsParsing(() -> IsoTimestamps.parseCommon(s));
            assertEquals(true, general, s);
            assertEquals(general, fast, s);
        }
    }

    @Test
    void randomCommonShapesMatchTheGeneralParser() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String frac = switch (r.nextInt(4)) {
                case 0 -> "";
                case 1 -> "." + r.nextInt(10);
                case 2 -> String.format(".%03d", r.nextInt(1000));
                default -> String.format(".%09d", r.nextInt(1_000_000_000));
            };
            String off = r.nextBoolean() ? "Z" : String.format("%s%02d:%02d", r.nextBoolean() ? "+" : "-", r.nextInt(15), r.nextInt(60));
            String s = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", 1970 + r.nextInt(200), 1 + r.nextInt(12), 1 + r.nextInt(28),
                    r.nextInt(24), r.nextInt(60), r.nextInt(60), frac, off);
            assertEquals(OffsetDateTime.parse(s, DateTimeFormatter.ISO_DATE_TIME).toInstant(), IsoTimestamps.parseCommon(s).toInstant(), s);
        }
    }

    private static boolean throwsParsing(Runnable r) {
        try {
            r.run();
            return false;
        } catch (DateTimeException e) {
            return true;
        }
    }
}
