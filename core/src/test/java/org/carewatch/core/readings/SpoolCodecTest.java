package org.carewatch.core.readings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The spool's file format: what a batch spooled while PostgreSQL is away reads back as. */
class SpoolCodecTest {
    static final Instant T = Instant.parse("2026-01-05T08:00:00.000001Z");

    @Test
    void readingsKeepTheirProfilesThroughTheSpool() throws IOException {
        ReadingBatch batch = new ReadingBatch(List.of(
                new Reading(T, 1, 2, "z2m-smoke", "smoke", 1),
                new Reading(T, 1, 3, "z2m-air-quality", "co2", 800),
                new Reading(T, 1, 2, "z2m-smoke", "battery", 90),
                new Reading(T, 4, 5, null, "temperature", 21.5)),
                List.of(new DeviceEvent(T, 1, 2, false, "silent")),
                List.of(RejectedMessage.of(T, "a/b", RejectKind.OUT_OF_RANGE, "value 250", new byte[] {1})));
        assertThat(SpoolCodec.decode(SpoolCodec.encode(batch))).isEqualTo(batch);
    }

    /** A spool written by the version before readings carried their profile is still replayed after an upgrade. */
    @Test
    void readsFilesWrittenBeforeReadingsCarriedTheirProfile() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x43575350);
        out.writeInt(1);
        out.writeInt(1);
        out.writeLong(T.getEpochSecond());
        out.writeInt(T.getNano());
        out.writeLong(7);
        out.writeLong(8);
        out.writeUTF("co2");
        out.writeDouble(812);
        out.writeInt(0);
        out.writeInt(0);
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        assertThat(SpoolCodec.decode(bytes.toByteArray()).readings()).containsExactly(new Reading(T, 7, 8, null, "co2", 812));
    }

    @Test
    void refusesAProfileIndexOutsideItsTable() {
        byte[] good = SpoolCodec.encode(new ReadingBatch(List.of(new Reading(T, 1, 2, "z2m-smoke", "smoke", 1)), List.of(), List.of()));
        // magic, version, one profile ("z2m-smoke": 2 + 9 bytes), one reading: time (12), centre, sensor, then its index.
        int index = 4 + 4 + 4 + 2 + 9 + 4 + 12 + 8 + 8;
        byte[] bad = good.clone();
        bad[index + 3] = 5;
        CRC32 crc = new CRC32();
        crc.update(bad, 0, bad.length - 8);
        java.nio.ByteBuffer.wrap(bad, bad.length - 8, 8).putLong(crc.getValue());
        assertThatThrownBy(() -> SpoolCodec.decode(bad)).isInstanceOf(IOException.class).hasMessageContaining("profile 5 of 1");
    }
}
