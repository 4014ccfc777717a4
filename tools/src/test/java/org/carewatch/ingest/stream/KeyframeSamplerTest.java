package org.carewatch.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.RtspQuirks;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.rtsp.SnapshotFailure;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatedAuth;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The RTSP client against the camera simulator over real sockets. */
class KeyframeSamplerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Credentials GOOD = new Credentials("admin", "s3cret:x");

    private static CameraSimulator simulator;
    private static IngestEventLoop loop;
    private static KeyframeSampler sampler;

    @BeforeAll
    static void start() {
        loop = IngestEventLoop.create("test-client", 2);
        simulator = CameraSimulator.start(SimulatorOptions.defaults(4).withClip(TestClips.shortSpec(Codec.H264)),
                TestClips.shortClip(Codec.H264), loop);
        sampler = new KeyframeSampler(loop);
    }

    @AfterAll
    static void stop() {
        simulator.close();
        loop.close();
    }

    @AfterEach
    void clearFaults() {
        for (int i = 1; i <= simulator.cameraCount(); i++) {
            simulator.faults(i).clear().noAuth();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator.openConnections() == 0);
    }

    private static RtspClientOptions options(RtspTransport transport) {
        return RtspClientOptions.defaults().withTransport(transport);
    }

    private static SnapshotFailure failureOf(CompletableFuture<?> f) {
        Throwable t = catchThrowable(() -> f.get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS));
        assertThat(t).as("the sample should have failed").isNotNull();
        return RtspException.of(t).failure();
    }

    private static void assertDecodableKeyframe(Keyframe k, Codec codec) {
        assertThat(k.codec()).isEqualTo(codec);
        assertThat(k.accessUnit().keyframe()).isTrue();
        assertThat(k.parameterSets()).isNotNull();
        assertThat(k.accessUnit().nalUnits()).anyMatch(n -> NalUnits.isParameterSet(codec, n));
        assertThat(k.toAnnexB().length).isGreaterThan(1000);
    }

    @ParameterizedTest
    @EnumSource(RtspTransport.class)
    void takesTheFirstKeyframeAndTearsDown(RtspTransport transport) throws Exception {
        Keyframe k = sampler.sampleKeyframe(simulator.url(1), options(transport), TIMEOUT).get(10, TimeUnit.SECONDS);
        assertDecodableKeyframe(k, Codec.H264);
        await().atMost(Duration.ofSeconds(3)).until(() -> simulator.playingSessions() == 0
                && simulator.openConnections() == 0);
        await().atMost(Duration.ofSeconds(3)).until(() -> loop.channels().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(SimulatedAuth.class)
    void authenticatesWithEachScheme(SimulatedAuth scheme) throws Exception {
        simulator.faults(2).requireAuth(GOOD, scheme);
        RtspTransport transport = scheme == SimulatedAuth.DIGEST_SHA256 ? RtspTransport.UDP : RtspTransport.TCP;
        String url = simulator.url(2).replace("rtsp://", "rtsp://admin:s3cret%3Ax@");
        // Basic sends the password in clear: answered only for a camera whose profile says it only supports Basic.
        var opts = scheme == SimulatedAuth.BASIC ? options(transport).withQuirks(java.util.Set.of(RtspQuirks.BASIC_AUTH_ONLY)) : options(transport);
        Keyframe k = sampler.sampleKeyframe(url, opts, TIMEOUT).get(10, TimeUnit.SECONDS);
        assertDecodableKeyframe(k, Codec.H264);
    }

    @Test
    void basicIsNotAnsweredOverPlainRtspUnlessTheProfileSaysBasicOnly() {
        simulator.faults(2).requireAuth(GOOD, SimulatedAuth.BASIC);
        String url = simulator.url(2).replace("rtsp://", "rtsp://admin:s3cret%3Ax@");
        assertThat(failureOf(sampler.sampleKeyframe(url, options(RtspTransport.TCP), TIMEOUT))).isEqualTo(SnapshotFailure.AUTH_FAILED);
    }

    @Test
    void credentialsFromOptionsWork() throws Exception {
        simulator.faults(2).requireDigest(GOOD);
        Keyframe k = sampler.sampleKeyframe(simulator.url(2), options(RtspTransport.TCP).withCredentials(GOOD), TIMEOUT)
                .get(10, TimeUnit.SECONDS);
        assertDecodableKeyframe(k, Codec.H264);
    }

    @ParameterizedTest
    @EnumSource(SimulatedAuth.class)
    void wrongPasswordIsAuthFailed(SimulatedAuth scheme) {
        simulator.faults(2).requireAuth(GOOD, scheme);
        var wrong = options(RtspTransport.TCP).withCredentials(new Credentials("admin", "nope"));
        assertThat(failureOf(sampler.sampleKeyframe(simulator.url(2), wrong, TIMEOUT)))
                .isEqualTo(SnapshotFailure.AUTH_FAILED);
        assertThat(failureOf(sampler.sampleKeyframe(simulator.url(2), options(RtspTransport.UDP), TIMEOUT)))
                .as("no credentials at all").isEqualTo(SnapshotFailure.AUTH_FAILED);
    }

    @Test
    void missingPathIsNotFound() {
        String base = "rtsp://127.0.0.1:" + simulator.port();
        assertThat(failureOf(sampler.sampleKeyframe(base + "/cam/99", options(RtspTransport.TCP), TIMEOUT)))
                .isEqualTo(SnapshotFailure.NOT_FOUND);
        assertThat(failureOf(sampler.sampleKeyframe(base + "/nothing/here", options(RtspTransport.UDP), TIMEOUT)))
                .isEqualTo(SnapshotFailure.NOT_FOUND);
    }

    @Test
    void closedPortIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        assertThat(failureOf(sampler.sampleKeyframe("rtsp://127.0.0.1:" + port + "/cam/1", options(RtspTransport.TCP),
                TIMEOUT))).isEqualTo(SnapshotFailure.CONNECTION_REFUSED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
    }

    @Test
    void silentServerIsTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = silent.accept(); InputStream in = s.getInputStream()) {
                    in.transferTo(OutputStream.nullOutputStream()); // reads and never answers
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            long start = System.nanoTime();
            SnapshotFailure f = failureOf(sampler.sampleKeyframe("rtsp://127.0.0.1:" + silent.getLocalPort() + "/x",
                    options(RtspTransport.TCP), Duration.ofMillis(1500)));
            assertThat(f).isEqualTo(SnapshotFailure.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void unresponsiveCameraAndStalledStreamAreTimeouts() {
        simulator.faults(3).unresponsive(true);
        assertThat(failureOf(sampler.sampleKeyframe(simulator.url(3), options(RtspTransport.TCP), Duration.ofSeconds(2))))
                .isEqualTo(SnapshotFailure.TIMEOUT);
        simulator.faults(3).unresponsive(false).stall(true);
        assertThat(failureOf(sampler.sampleKeyframe(simulator.url(3), options(RtspTransport.UDP), Duration.ofSeconds(2))))
                .isEqualTo(SnapshotFailure.TIMEOUT);
        simulator.faults(3).stall(false).noKeyframes(true);
        assertThat(failureOf(sampler.sampleKeyframe(simulator.url(3), options(RtspTransport.TCP), Duration.ofSeconds(3))))
                .as("media but never a keyframe").isEqualTo(SnapshotFailure.TIMEOUT);
    }

    @Test
    void mjpegCameraIsUnsupportedCodec() {
        simulator.faults(4).unsupportedCodec(true);
        assertThat(failureOf(sampler.sampleKeyframe(simulator.url(4), options(RtspTransport.TCP), TIMEOUT)))
                .isEqualTo(SnapshotFailure.UNSUPPORTED_CODEC);
    }

    @Test
    void disconnectedCameraIsConnectionLostUntilItComesBack() throws Exception {
        simulator.faults(1).disconnect(Duration.ofSeconds(30));
        assertThat(failureOf(sampler.sampleKeyframe(simulator.url(1), options(RtspTransport.TCP), TIMEOUT)))
                .isEqualTo(SnapshotFailure.CONNECTION_LOST);
        simulator.faults(1).clear();
        assertDecodableKeyframe(sampler.sampleKeyframe(simulator.url(1), options(RtspTransport.TCP), TIMEOUT)
                .get(10, TimeUnit.SECONDS), Codec.H264);
    }

    @Test
    void followsRedirects() throws Exception {
        try (ServerSocket redirector = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> answerEveryRequest(redirector,
                    "RTSP/1.0 302 Moved Temporarily\r\nLocation: " + simulator.url(2) + "\r\n"));
            Keyframe k = sampler.sampleKeyframe("rtsp://127.0.0.1:" + redirector.getLocalPort() + "/old",
                    options(RtspTransport.TCP), TIMEOUT).get(10, TimeUnit.SECONDS);
            assertDecodableKeyframe(k, Codec.H264);
        }
    }

    @Test
    void garbageFromTheServerIsAProtocolError() throws Exception {
        try (ServerSocket liar = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> answerEveryRequest(liar, "HELLO THERE\r\nContent-Length: 99999999\r\n"));
            assertThat(failureOf(sampler.sampleKeyframe("rtsp://127.0.0.1:" + liar.getLocalPort() + "/x",
                    options(RtspTransport.TCP), TIMEOUT))).isEqualTo(SnapshotFailure.PROTOCOL_ERROR);
        }
    }

    /** A one-connection-at-a-time server that answers each request (up to the blank line) with {@code head}. */
    private static void answerEveryRequest(ServerSocket server, String head) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                StringBuilder request = new StringBuilder();
                int c;
                while ((c = in.read()) != -1) {
                    request.append((char) c);
                    if (request.toString().endsWith("\r\n\r\n")) {
                        String cseq = request.toString().lines().filter(l -> l.startsWith("CSeq"))
                                .findFirst().orElse("CSeq: 0");
                        s.getOutputStream().write((head + cseq + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        request.setLength(0);
                    }
                }
            } catch (IOException e) {
                return;
            }
        }
    }
}
