package org.carewatch.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.carewatch.ingest.health.ReconnectBackoff;
import org.carewatch.ingest.health.StreamHealthEvent;
import org.carewatch.ingest.health.StreamState;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Test;

/**
 * Cameras that disconnect and stall again and again: every one ends up streaming again, health events
 * tell what happened, and no socket leaks on either side.
 */
class StreamHolderFaultTest {

    private static final int CAMERAS = 8;

    private static long id(int cam) {
        return cam;
    }

    @Test
    void camerasRecoverFromRepeatedDisconnectsAndStallsWithoutLeakingChannels() {
        List<StreamHealthEvent> events = new CopyOnWriteArrayList<>();
        try (IngestEventLoop clientLoop = IngestEventLoop.create("test-holder", 2);
             IngestEventLoop simLoop = IngestEventLoop.create("test-sim", 1);
             CameraSimulator sim = CameraSimulator.start(
                     SimulatorOptions.defaults(CAMERAS).withClip(TestClips.shortSpec(Codec.H264)),
                     TestClips.shortClip(Codec.H264), simLoop);
             StreamHolder holder = new StreamHolder(clientLoop, events::add,
                     () -> new ReconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5)),
                     Clock.systemUTC())) {

            RtspClientOptions base = RtspClientOptions.defaults().withReadTimeout(Duration.ofMillis(1500));
            for (int cam = 1; cam <= CAMERAS; cam++) {
                // Odd cameras over TCP, even ones over UDP.
                holder.hold(id(cam), sim.url(cam), base.withTransport(cam % 2 == 1 ? RtspTransport.TCP : RtspTransport.UDP));
            }
            // One TCP socket per camera, plus an RTP/RTCP UDP pair per UDP camera.
            int expectedChannels = CAMERAS + 2 * (CAMERAS / 2);
            awaitAllStreaming(holder);
            await().atMost(Duration.ofSeconds(5)).until(() -> clientLoop.channels().size() == expectedChannels);

            for (int round = 0; round < 3; round++) {
                int[] disconnected = {1, 2, 5};
                int[] stalled = {3, 4, 6};
                for (int cam : disconnected) {
                    sim.faults(cam).disconnect(Duration.ofSeconds(4));
                }
                for (int cam : stalled) {
                    sim.faults(cam).stall(true);
                }
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        IntStream.of(disconnected).allMatch(c -> state(holder, c) == StreamState.OFFLINE)
                                && IntStream.of(stalled).allMatch(c -> state(holder, c) == StreamState.STALLED));
                for (int cam : stalled) {
                    sim.faults(cam).stall(false);
                }
                awaitAllStreaming(holder);
            }

            assertThat(clientLoop.channels().size()).isEqualTo(expectedChannels);
            assertThat(sim.openConnections()).isEqualTo(CAMERAS);
            assertThat(sim.playingSessions()).isEqualTo(CAMERAS);
            // GOP is 1 s: a camera that just came back has its keyframe within about a second.
            await().atMost(Duration.ofSeconds(3)).until(() -> IntStream.rangeClosed(1, CAMERAS)
                    .allMatch(c -> holder.stream(id(c)).orElseThrow().latestKeyframe().isPresent()));
            assertThat(events).filteredOn(e -> e.cameraId() == id(1))
                    .extracting(StreamHealthEvent::current)
                    .startsWith(StreamState.CONNECTING, StreamState.STREAMING, StreamState.OFFLINE, StreamState.STREAMING);
            assertThat(events).filteredOn(e -> e.cameraId() == id(3))
                    .extracting(StreamHealthEvent::current)
                    .startsWith(StreamState.CONNECTING, StreamState.STREAMING, StreamState.STALLED, StreamState.STREAMING);
            assertThat(events).filteredOn(e -> e.cameraId() == id(7))
                    .extracting(StreamHealthEvent::current)
                    .containsExactly(StreamState.CONNECTING, StreamState.STREAMING);

            holder.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> clientLoop.channels().isEmpty());
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.openConnections() == 0 && sim.playingSessions() == 0);
        }
    }

    private static StreamState state(StreamHolder holder, int cam) {
        return holder.stream(id(cam)).orElseThrow().state();
    }

    private static void awaitAllStreaming(StreamHolder holder) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                IntStream.rangeClosed(1, CAMERAS).allMatch(c -> state(holder, c) == StreamState.STREAMING));
    }
}
