package org.carewatch.tools.simulator.cameras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.carewatch.ingest.health.StreamHealthListener;
import org.carewatch.ingest.health.StreamState;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.KeyframeCache;
import org.carewatch.ingest.media.StreamFacts;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspSession;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.stream.KeyframeSampler;
import org.carewatch.ingest.stream.StreamHolder;
import org.carewatch.ingest.stream.TrackReceiver;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CameraSimulatorTest {

    private static final int CAMERAS = 24;
    private static IngestEventLoop simLoop;
    private static IngestEventLoop clientLoop;
    private static CameraSimulator sim;

    @BeforeAll
    static void start() {
        simLoop = IngestEventLoop.create("test-sim", 1);
        clientLoop = IngestEventLoop.create("test-client", 1);
        sim = CameraSimulator.start(SimulatorOptions.defaults(CAMERAS).withClip(TestClips.shortSpec(Codec.H264)),
                TestClips.shortClip(Codec.H264), simLoop);
    }

    @AfterAll
    static void stop() {
        sim.close();
        simLoop.close();
        clientLoop.close();
    }

    @Test
    void servesManyCamerasAtOnceFromOneProcess() throws Exception {
        try (StreamHolder holder = new StreamHolder(clientLoop, StreamHealthListener.NONE)) {
            List<CompletableFuture<?>> firstKeyframes = new ArrayList<>();
            for (int cam = 1; cam <= CAMERAS; cam++) {
                var stream = holder.hold(cam, sim.url(cam), RtspClientOptions.defaults()
                        .withTransport(cam % 3 == 0 ? RtspTransport.UDP : RtspTransport.TCP));
                firstKeyframes.add(stream.nextKeyframe()); // asked before the stream plays
            }
            CompletableFuture.allOf(firstKeyframes.toArray(CompletableFuture[]::new))
                    .get(15, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(15)).until(() -> holder.streams().stream()
                    .allMatch(s -> s.state() == StreamState.STREAMING && s.latestKeyframe().isPresent()));
            assertThat(sim.playingSessions()).isEqualTo(CAMERAS);
            // Real-time pace: about 25 frames a second per camera.
            await().atMost(Duration.ofSeconds(5)).until(() -> holder.streams().stream()
                    .allMatch(s -> s.facts().orElseThrow().fps() >= 20 && s.facts().orElseThrow().fps() <= 30));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.openConnections() == 0);
    }

    @Test
    void packetLossShowsAsSequenceGapsAndKeyframesStillArrive() throws Exception {
        sim.faults(1).packetLoss(5);
        try {
            KeyframeCache cache = new KeyframeCache(Codec.H264, null);
            TrackReceiver[] receiver = new TrackReceiver[1];
            RtspSession session = RtspSession.start(clientLoop, sim.url(1), RtspClientOptions.defaults(), p -> {
                if (receiver[0] != null) {
                    receiver[0].onRtp(p);
                }
            });
            var playing = session.started().get(5, TimeUnit.SECONDS);
            clientLoop.group().submit(() -> receiver[0] = new TrackReceiver(playing.track(), cache,
                    new StreamFacts(Codec.H264), Clock.systemUTC())).get();
            assertThat(cache.nextKeyframe().get(10, TimeUnit.SECONDS).accessUnit().keyframe()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver[0].depacketizer().sequenceGaps() > 0);
            session.close().get(5, TimeUnit.SECONDS);
        } finally {
            sim.faults(1).packetLoss(0);
        }
    }

    @Test
    void garbageRequestsAreRejectedAndTheSimulatorKeepsServing() throws Exception {
        for (String garbage : new String[] {
                "\u0000\u0001\u0002 nonsense\r\n\r\n",
                "DESCRIBE rtsp://127.0.0.1/cam/1 RTSP/1.0\r\nCSeq: 1\r\nContent-Length: -3\r\n\r\n",
                "SETUP rtsp://127.0.0.1/cam/1/trackID=0 RTSP/1.0\r\nCSeq: 2\r\nTransport: bogus\r\n\r\n",
                "PLAY rtsp://127.0.0.1/cam/999999999999 RTSP/1.0\r\nCSeq: 3\r\nSession: nope\r\n\r\n",
                "X".repeat(40_000)}) {
            try (Socket s = new Socket("127.0.0.1", sim.port())) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(garbage.getBytes(StandardCharsets.ISO_8859_1));
                s.shutdownOutput();
                String answer = readAll(s.getInputStream());
                assertThat(answer).satisfiesAnyOf(
                        a -> assertThat(a).isEmpty(),
                        a -> assertThat(a).startsWith("RTSP/1.0 4"));
            }
        }
        assertThat(new KeyframeSampler(clientLoop).sampleKeyframe(sim.url(2), RtspClientOptions.defaults(),
                Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS).accessUnit().keyframe()).isTrue();
    }

    @Test
    void unknownCamerasAreRefusedByTheApi() {
        assertThat(IntStream.of(0, CAMERAS + 1)).allSatisfy(n ->
                assertThatThrownBy(() -> sim.faults(n))
                        .isInstanceOf(IllegalArgumentException.class));
    }

    private static String readAll(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException e) {
            return ""; // reset by the server: also a rejection
        }
    }
}
