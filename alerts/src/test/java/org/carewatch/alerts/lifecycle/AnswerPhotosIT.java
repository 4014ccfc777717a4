package org.carewatch.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.model.Trigger;
import org.carewatch.alerts.testing.AlertsFixture;
import org.carewatch.alerts.testing.Images;
import org.carewatch.core.errors.ForbiddenException;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The centre's answer with up to three photos, each re-encoded so only the picture is kept. */
class AnswerPhotosIT {
    static AlertsFixture fx;
    static int seq;

    @BeforeAll
    static void setUp() throws SQLException {
        fx = new AlertsFixture();
    }

    @AfterAll
    static void tearDown() {
        fx.close();
    }

    static Alert alert() throws SQLException {
        return fx.service.raise(new Trigger(fx.centreA1, AlertSource.SENSOR, "p-" + (++seq), "co2-critical", "co2-critical", Severity.MAJOR,
                "CO2", Map.of(), fx.clock.instant())).alert();
    }

    static List<Long> attachmentIds(long alertId) throws SQLException {
        Object ids = fx.repo.events(alertId).getLast().detail().get("attachmentIds");
        return ((List<?>) ids).stream().map(o -> ((Number) o).longValue()).toList();
    }

    @Test
    void threePhotosAreStoredCleanAndAFourthIsRefused() throws SQLException {
        Alert a = alert();
        byte[] tagged = withPngText(Images.png(40, 30), "Comment", "secret GPS 31.2,121.4");
        byte[] jpegWithTail = concat(Images.jpeg(50, 20), "HIDDEN-PAYLOAD".getBytes(StandardCharsets.US_ASCII));
        Alert answered = fx.service.answer(fx.facilityA1, a.id(), "aired the room", List.of(new Photo("image/png", tagged),
                new Photo("image/jpeg", jpegWithTail), new Photo(null, Images.jpeg(10, 10))));
        assertThat(answered.state()).isEqualTo(AlertState.ANSWERED);
        List<Long> ids = attachmentIds(a.id());
        assertThat(ids).hasSize(3);
        var png = fx.service.attachment(fx.officer, a.id(), ids.get(0));
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(new String(png.data(), StandardCharsets.ISO_8859_1)).doesNotContain("tEXt", "secret GPS");
        assertThat(Images.decode(png.data()).getWidth()).isEqualTo(40);
        var jpeg = fx.service.attachment(fx.officer, a.id(), ids.get(1));
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(new String(jpeg.data(), StandardCharsets.ISO_8859_1)).doesNotContain("HIDDEN-PAYLOAD");
        assertThat(Images.decode(jpeg.data()).getHeight()).isEqualTo(20);

        Alert b = alert();
        long before = fx.count("SELECT count(*) FROM alert_attachments");
        List<Photo> four = List.of(new Photo(null, Images.jpeg(8, 8)), new Photo(null, Images.jpeg(8, 8)), new Photo(null, Images.jpeg(8, 8)),
                new Photo(null, Images.jpeg(8, 8)));
        assertThatThrownBy(() -> fx.service.answer(fx.facilityA1, b.id(), "fixed", four)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("photos").hasMessageContaining("at most 3");
        // One bad photo among good ones stores none of them.
        assertThatThrownBy(() -> fx.service.answer(fx.facilityA1, b.id(), "fixed",
                List.of(new Photo(null, Images.jpeg(8, 8)), new Photo("image/png", "not a picture".getBytes(StandardCharsets.US_ASCII)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("photos[1]");
        assertThat(fx.count("SELECT count(*) FROM alert_attachments")).isEqualTo(before);
        assertThat(fx.repo.find(b.id()).orElseThrow().state()).isEqualTo(AlertState.OPEN);
        assertThatThrownBy(() -> fx.service.answer(fx.officer, b.id(), "fixed", List.of())).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void oversizedAndBombPhotosAreRefused() throws SQLException {
        Alert a = alert();
        byte[] big = new byte[AlertService.MAX_PHOTO_BYTES + 1];
        System.arraycopy(Images.jpeg(8, 8), 0, big, 0, 100);
        assertThatThrownBy(() -> fx.service.answer(fx.facilityA1, a.id(), "x", List.of(new Photo(null, big))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("KiB");
        // A valid PNG header claiming 60000 x 60000 pixels is refused before any pixel is decoded.
        assertThatThrownBy(() -> fx.service.answer(fx.facilityA1, a.id(), "x", List.of(new Photo(null, pngClaiming(60_000, 60_000)))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("pixels");
    }

    @Test
    void aPhonePhotoStandsTheRightWayUpWithoutItsExif() throws SQLException {
        Alert a = alert();
        // 60 x 20 stored, EXIF orientation 6 (turn 90 degrees clockwise to view): shown 20 x 60.
        byte[] photo = withExifOrientation(Images.jpeg(60, 20), 6);
        assertThat(JpegOrientation.of(photo)).isEqualTo(6);
        fx.service.answer(fx.facilityA1, a.id(), "turned", List.of(new Photo("image/jpeg", photo)));
        var stored = fx.service.attachment(fx.facilityA1, a.id(), attachmentIds(a.id()).getFirst());
        assertThat(JpegOrientation.of(stored.data())).isEqualTo(1);
        assertThat(new String(stored.data(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
        var img = Images.decode(stored.data());
        assertThat(img.getWidth()).isEqualTo(20);
        assertThat(img.getHeight()).isEqualTo(60);
        // The orange marker was top-left when stored; turned clockwise it is top-right.
        int topRight = img.getRGB(img.getWidth() - 3, 3);
        assertThat((topRight >> 16) & 0xff).isGreaterThan(200);
        assertThat(topRight & 0xff).isLessThan(80);
    }

    // ---- crafted files ----

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Inserts a tEXt chunk right after IHDR. */
    static byte[] withPngText(byte[] png, String key, String value) {
        int ihdrEnd = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, ihdrEnd);
        byte[] data = (key + "\0" + value).getBytes(StandardCharsets.ISO_8859_1);
        writeChunk(out, "tEXt", data);
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }

    static byte[] pngClaiming(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        writeChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0).array());
        writeChunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0, 0, 0, 0, 1});
        writeChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD entry: orientation) after SOI. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] body = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1});
        out.writeBytes(ByteBuffer.allocate(2).putShort((short) (body.length + 2)).array());
        out.writeBytes(body);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
