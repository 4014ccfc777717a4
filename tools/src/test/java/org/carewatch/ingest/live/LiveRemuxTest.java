package org.carewatch.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.stream.CameraStream;
import org.carewatch.ingest.stream.StreamHolder;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held stream from the RTSP camera simulator (H.264, 1 s GOP) remuxed live: what two viewers receive (one
 * from the start with the cached keyframe, one joining mid-stream) is a valid fMP4 for GStreamer's qtdemux and
 * every fragment decodes. Skipped with a message when GStreamer is absent.
 */
class LiveRemuxTest {

    @TempDir
    Path dir;

    static final class Collecting implements LiveViewer {
        final List<byte[]> got = new CopyOnWriteArrayList<>();

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void send(byte[] segment) {
            got.add(segment);
        }

        long fragments() {
            return got.stream().filter(b -> new String(b, 4, 4, StandardCharsets.US_ASCII).equals("moof")).count();
        }
    }

    @Test
    void aHeldSimulatedCameraIsRemuxedIntoFragmentsThatDecode() throws Exception {
        String decoder = Stream.of("avdec_h264", "openh264dec").filter(LiveRemuxTest::hasElement).findFirst().orElse(null);
        Assumptions.assumeTrue(hasElement("qtdemux") && decoder != null,
                "live remux check skipped: gst-launch-1.0 with qtdemux and an H.264 decoder not found");
        try (IngestEventLoop clientLoop = IngestEventLoop.create("test-live", 1);
             IngestEventLoop simLoop = IngestEventLoop.create("test-live-sim", 1);
             CameraSimulator sim = CameraSimulator.start(
                     SimulatorOptions.defaults(1).withClip(TestClips.shortSpec(Codec.H264)),
                     TestClips.shortClip(Codec.H264), simLoop);
             StreamHolder holder = new StreamHolder(clientLoop, e -> { })) {
            CameraStream stream = holder.hold(1, sim.url(1), RtspClientOptions.defaults());
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.latestKeyframe().isPresent());

            LiveFeed feed = new LiveFeed(1, Clock.systemUTC());
            Collecting first = new Collecting();
            assertThat(feed.join(first, 4, stream.latestKeyframe())).isTrue();
            assertThat(first.got).as("init + cached keyframe at once").hasSize(2);
            stream.setLiveTap(feed);
            await().atMost(Duration.ofSeconds(5)).until(() -> first.fragments() > 30);

            Collecting late = new Collecting();
            feed.join(late, 4, stream.latestKeyframe());
            await().atMost(Duration.ofSeconds(5)).until(() -> late.fragments() > 40);
            stream.setLiveTap(null);

            assertThat(feed.mimeType().orElseThrow()).matches("video/mp4; codecs=\"avc1\\.[0-9a-f]{6}\"");
            for (Collecting viewer : List.of(first, late)) {
                List<byte[]> segments = List.copyOf(viewer.got);
                assertThat(new String(segments.getFirst(), 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
                long decoded = decode(segments, decoder);
                long fragments = segments.stream().filter(b -> new String(b, 4, 4, StandardCharsets.US_ASCII).equals("moof")).count();
                assertThat(decoded).as("pictures decoded of %d fragments", fragments).isEqualTo(fragments);
            }
        }
    }

    private long decode(List<byte[]> segments, String decoder) throws Exception {
        Path sub = Files.createTempDirectory(dir, "v");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        segments.forEach(all::writeBytes);
        Path mp4 = sub.resolve("live.mp4");
        Files.write(mp4, all.toByteArray());
        Path frames = Files.createDirectory(sub.resolve("frames"));
        Process p = new ProcessBuilder("gst-launch-1.0", "-q", "filesrc", "location=" + mp4, "!", "qtdemux", "!", "h264parse",
                "!", decoder, "!", "multifilesink", "location=" + frames.resolve("f%05d.raw")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        try (Stream<Path> files = Files.list(frames)) {
            return files.count();
        }
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
}
