package org.carewatch.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.media.ParameterSets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init segment and fragments, written to a file, are read by an independent parser (GStreamer's
 * qtdemux) and every picture decodes (openh264dec or avdec_h264). The H.264 comes from GStreamer's x264enc;
 * skipped with a message when GStreamer or those elements are absent.
 */
class Fmp4WriterTest {

    private static final int FRAMES = 40;
    private static final int DURATION = Fmp4Writer.TIMESCALE / 25;

    @TempDir
    Path dir;

    @Test
    void fragmentsPassQtdemuxAndEveryPictureDecodes() throws Exception {
        String decoder = Stream.of("avdec_h264", "openh264dec").filter(Fmp4WriterTest::hasElement).findFirst().orElse(null);
        Assumptions.assumeTrue(hasElement("x264enc") && hasElement("qtdemux") && decoder != null,
                "fMP4 check skipped: gst-launch-1.0 with x264enc, qtdemux and an H.264 decoder not found "
                        + "(install gstreamer1.0-tools gstreamer1.0-plugins-good/-ugly/-bad)");
        Path es = dir.resolve("clip.h264");
        run("gst-launch-1.0", "-q", "videotestsrc", "num-buffers=" + FRAMES, "!",
                "video/x-raw,format=I420,width=320,height=240,framerate=25/1", "!",
                "x264enc", "key-int-max=10", "bframes=0", "aud=true", "!",
                "video/x-h264,stream-format=byte-stream,alignment=au", "!", "filesink", "location=" + es);
        List<AccessUnit> aus = accessUnits(Files.readAllBytes(es));
        assertThat(aus).hasSize(FRAMES);
        assertThat(aus.getFirst().keyframe()).isTrue();
        ParameterSets sets = NalUnits.parameterSetsIn(Codec.H264, aus.getFirst().nalUnits(), null);
        assertThat(sets).isNotNull();
        assertThat(Fmp4Writer.codecString(sets)).matches("avc1\\.[0-9a-f]{6}");

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(Fmp4Writer.initSegment(sets));
        // One picture per fragment for the first half, three per fragment after: both shapes are used live.
        long seq = 1;
        int i = 0;
        while (i < aus.size()) {
            int n = i < FRAMES / 2 ? 1 : Math.min(3, aus.size() - i);
            List<Fmp4Writer.Sample> samples = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                samples.add(Fmp4Writer.Sample.of(aus.get(i + k), DURATION));
            }
            file.writeBytes(Fmp4Writer.fragment(seq++, (long) i * DURATION, samples));
            i += n;
        }
        Path mp4 = dir.resolve("live.mp4");
        Files.write(mp4, file.toByteArray());
        if (System.getenv("FMP4_KEEP") != null) {
            Files.write(Path.of(System.getenv("FMP4_KEEP")), file.toByteArray());
        }

        Path frames = Files.createDirectory(dir.resolve("frames"));
        run("gst-launch-1.0", "-q", "filesrc", "location=" + mp4, "!", "qtdemux", "!", "h264parse", "!", decoder,
                "!", "multifilesink", "location=" + frames.resolve("f%05d.raw"));
        try (Stream<Path> decoded = Files.list(frames)) {
            assertThat(decoded.count()).as("pictures decoded from the fMP4").isEqualTo(FRAMES);
        }
    }

    @Test
    void fragmentDataOffsetPointsPastMoofIntoMdat() {
        byte[] nal = {0x65, 1, 2, 3};
        byte[] frag = Fmp4Writer.fragment(7, 90_000, List.of(new Fmp4Writer.Sample(List.of(nal), 3000, true)));
        int moofSize = u32(frag, 0);
        assertThat(new String(frag, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("moof");
        assertThat(new String(frag, moofSize + 4, 4, StandardCharsets.US_ASCII)).isEqualTo("mdat");
        assertThat(u32(frag, moofSize)).isEqualTo(8 + 4 + nal.length);
        assertThat(u32(frag, moofSize + 8)).isEqualTo(nal.length);
        assertThat(frag.length).isEqualTo(moofSize + 8 + 4 + nal.length);
    }

    private static int u32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /** Splits an Annex-B stream at access unit delimiters. */
    static List<AccessUnit> accessUnits(byte[] annexB) {
        List<AccessUnit> out = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        long ts = 0;
        for (byte[] nal : NalUnits.splitAnnexB(annexB)) {
            if (NalUnits.type(Codec.H264, nal) == NalUnits.H264_AUD && !current.isEmpty()) {
                out.add(new AccessUnit(Codec.H264, ts, current, NalUnits.containsKeyframe(Codec.H264, current)));
                ts += DURATION;
                current = new ArrayList<>();
            }
            current.add(nal);
        }
        if (!current.isEmpty()) {
            out.add(new AccessUnit(Codec.H264, ts, current, NalUnits.containsKeyframe(Codec.H264, current)));
        }
        return out;
    }

    private static boolean hasElement(String name) {
        try {
            Process p = new ProcessBuilder("gst-inspect-1.0", "--exists", name)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd[0]).isTrue();
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), new String(out, StandardCharsets.UTF_8)).isZero();
    }
}
