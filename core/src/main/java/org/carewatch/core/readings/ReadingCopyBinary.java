package org.carewatch.core.readings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes readings in PostgreSQL's binary COPY format for the columns
 * {@code (time, centre_id, sensor_id, metric, value)}: timestamps as microseconds since 2000-01-01 UTC,
 * ids as int8, the metric as UTF-8 text (PgJDBC's client encoding), the value as float8. Unlike the text
 * format, neither side formats or parses a timestamp or a number, which was most of the writer's CPU.
 */
final class ReadingCopyBinary {
    static final String COLUMNS = "(time, centre_id, sensor_id, metric, value)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final short FIELDS = 5;

    private ReadingCopyBinary() {
    }

    static byte[] encode(List<Reading> readings) {
        // Metric names repeat (a handful per profile): encode each once.
        Map<String, byte[]> names = new HashMap<>();
        int size = SIGNATURE.length + 8 + 2;
        for (Reading r : readings) {
            byte[] name = names.computeIfAbsent(r.metric(), m -> m.getBytes(StandardCharsets.UTF_8));
            size += 2 + 4 * 4 + 8 * 4 + name.length + 4;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(SIGNATURE).putInt(0).putInt(0);
        for (Reading r : readings) {
            byte[] name = names.get(r.metric());
            b.putShort(FIELDS);
            b.putInt(8).putLong(pgMicros(r.time()));
            b.putInt(8).putLong(r.centreId());
            b.putInt(8).putLong(r.sensorId());
            b.putInt(name.length).put(name);
            b.putInt(8).putDouble(r.value());
        }
        b.putShort((short) -1);
        return b.array();
    }

    /** Microseconds since PostgreSQL's epoch, rounded to the nearest microsecond as the server rounds text input. */
    static long pgMicros(Instant t) {
        long micros = Math.addExact(Math.multiplyExact(t.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L), t.getNano() / 1000);
        return t.getNano() % 1000 >= 500 ? micros + 1 : micros;
    }
}
