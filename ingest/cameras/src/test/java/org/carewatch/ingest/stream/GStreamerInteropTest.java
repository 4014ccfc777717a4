package org.carewatch.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.rtsp.SnapshotFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interoperability with GStreamer's RTSP server (gst-rtsp-server through python3-gi), Digest auth on:
 * keyframes over TCP and UDP for H.264 and H.265. Skipped when python3-gi/GStreamer are not installed.
 */
class GStreamerInteropTest {

    private static final String PACKAGES = "gstreamer1.0-rtsp gir1.2-gst-rtsp-server-1.0 python3-gi "
            + "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly";
    private static final Credentials USER = new Credentials("viewer", "gst-Secret");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static Process server;
    private static int port;
    private static String python;
    private static IngestEventLoop loop;

    @BeforeAll
    static void startServer() throws Exception {
        python = List.of("/usr/bin/python3", "python3").stream()
                .filter(p -> probe(p, "x264enc")).findFirst().orElse(null);
        Assumptions.assumeTrue(python != null,
                "GStreamer interop skipped: python3 with gi, GstRtspServer and x264enc not found (install " + PACKAGES + ")");
        Path script = dir.resolve("rtsp_test_server.py");
        try (InputStream in = GStreamerInteropTest.class.getResourceAsStream("/gst/rtsp_test_server.py")) {
            Files.copy(in, script);
        }
        server = new ProcessBuilder(python, script.toString(), "--user", USER.user(), "--password", USER.password())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        assertThat(line).as("server start line").startsWith("READY ");
        port = Integer.parseInt(line.substring(6).trim());
        loop = IngestEventLoop.create("test-gst", 1);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.getOutputStream().close(); // the script exits when its stdin closes
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        if (loop != null) {
            loop.close();
        }
    }

    private static boolean probe(String python, String encoder) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import gi; gi.require_version('Gst','1.0'); "
                    + "gi.require_version('GstRtspServer','1.0'); from gi.repository import Gst, GstRtspServer; "
                    + "Gst.init(None); import sys; sys.exit(0 if Gst.ElementFactory.find('" + encoder + "') else 3)")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String url(String mount) {
        return "rtsp://127.0.0.1:" + port + mount;
    }

    @ParameterizedTest
    @CsvSource({"H264,TCP", "H264,UDP", "H265,TCP", "H265,UDP"})
    void pullsAKeyframe(Codec codec, RtspTransport transport) throws Exception {
        if (codec == Codec.H265) {
            Assumptions.assumeTrue(probe(python, "x265enc"), "GStreamer has no x265enc (gstreamer1.0-plugins-bad)");
        }
        String mount = codec == Codec.H264 ? "/h264" : "/h265";
        RtspClientOptions options = RtspClientOptions.defaults().withTransport(transport).withCredentials(USER)
                .withTimeouts(TIMEOUT);
        Keyframe k = new KeyframeSampler(loop).sampleKeyframe(url(mount), options, TIMEOUT)
                .get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        assertThat(k.codec()).isEqualTo(codec);
        assertThat(k.accessUnit().keyframe()).isTrue();
        assertThat(k.parameterSets()).isNotNull();
    }

    @Test
    void snapshotOfAGStreamerStreamDecodes() throws Exception {
        try (RtspSnapshotter snapshotter = RtspSnapshotter.create()) {
            byte[] jpeg = snapshotter.snapshot(url("/h264").replace("rtsp://", "rtsp://viewer:gst-Secret@"),
                    RtspTransport.TCP, TIMEOUT).get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(image.getWidth()).isEqualTo(320);
            assertThat(image.getHeight()).isEqualTo(240);
        }
    }

    @Test
    void wrongPasswordAndMissingMountAreNamed() {
        KeyframeSampler sampler = new KeyframeSampler(loop);
        Throwable wrong = catchThrowable(() -> sampler.sampleKeyframe(url("/h264"),
                RtspClientOptions.defaults().withCredentials(new Credentials("viewer", "nope")), TIMEOUT).get(20, TimeUnit.SECONDS));
        assertThat(RtspException.of(wrong).failure()).isEqualTo(SnapshotFailure.AUTH_FAILED);
        Throwable missing = catchThrowable(() -> sampler.sampleKeyframe(url("/nothing"),
                RtspClientOptions.defaults().withCredentials(USER), TIMEOUT).get(20, TimeUnit.SECONDS));
        assertThat(RtspException.of(missing).failure()).isEqualTo(SnapshotFailure.NOT_FOUND);
    }
}
