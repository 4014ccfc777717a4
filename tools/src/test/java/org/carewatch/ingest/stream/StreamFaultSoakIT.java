package org.carewatch.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.carewatch.ingest.health.StreamState;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.carewatch.ingest.snapshot.SnapshotDecoder;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Test;

/**
 * Minutes of random camera faults (disconnects, stalls, packet loss, missing keyframes) against held
 * streams with the production reconnect policy, snapshots taken all along. At the end every camera
 * streams again within the recovery budget, and no socket, thread or decoder is left behind.
 * Duration: system property {@code carewatch.soak.seconds} (default 120).
 */
class StreamFaultSoakIT {
    private static final int CAMERAS = 12;

    @Test
    void camerasSurviveMinutesOfRandomFaults() throws Exception {
        long seconds = Long.getLong("carewatch.soak.seconds", 120);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        Random random = new Random(42);
        try (IngestEventLoop simLoop = IngestEventLoop.create("soak-sim", 1);
             CameraSimulator sim = CameraSimulator.start(SimulatorOptions.defaults(CAMERAS).withClip(TestClips.shortSpec(Codec.H264)),
                     TestClips.shortClip(Codec.H264), simLoop)) {
            IngestEventLoop loop = IngestEventLoop.create("soak-holder", 2);
            StreamHolder holder = new StreamHolder(loop, e -> { });
            SnapshotDecoder decoder = new SnapshotDecoder();
            RtspClientOptions base = RtspClientOptions.defaults().withReadTimeout(Duration.ofSeconds(3));
            for (int cam = 1; cam <= CAMERAS; cam++) {
                holder.hold("c" + cam, sim.url(cam), base.withTransport(cam % 3 == 0 ? RtspTransport.UDP : RtspTransport.TCP));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> allStreaming(holder));
            int expectedChannels = loop.channels().size();

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long snapshots = 0;
            while (System.nanoTime() < end) {
                int cam = 1 + random.nextInt(CAMERAS);
                var faults = sim.faults(cam);
                switch (random.nextInt(5)) {
                    case 0 -> faults.disconnect(Duration.ofMillis(500 + random.nextInt(4000)));
                    case 1 -> faults.stall(random.nextBoolean());
                    case 2 -> faults.packetLoss(random.nextInt(20));
                    case 3 -> faults.noKeyframes(random.nextBoolean());
                    default -> faults.clear();
                }
                // Snapshots from whatever keyframes are cached right now, as officers would take them.
                var kf = holder.stream("c" + (1 + random.nextInt(CAMERAS))).orElseThrow().latestKeyframe();
                if (kf.isPresent()) {
                    decoder.jpeg(kf.get(), OptionalInt.of(320)).handle((j, e) -> null).get(10, TimeUnit.SECONDS);
                    snapshots++;
                }
                await().pollDelay(Duration.ofMillis(250 + random.nextInt(750))).until(() -> true);
            }
            for (int cam = 1; cam <= CAMERAS; cam++) {
                sim.faults(cam).clear();
            }
            // Offline/stalled cameras retry at most every 5 s: all back well within 10 s of the faults ending.
            await().atMost(Duration.ofSeconds(15)).until(() -> allStreaming(holder));
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.channels().size() == expectedChannels);
            assertThat(sim.playingSessions()).isEqualTo(CAMERAS);
            assertThat(snapshots).isPositive();

            decoder.close();
            holder.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.channels().isEmpty());
            loop.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.openConnections() == 0);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore + 2));
    }

    private static boolean allStreaming(StreamHolder holder) {
        return IntStream.rangeClosed(1, CAMERAS).allMatch(c -> holder.stream("c" + c).orElseThrow().state() == StreamState.STREAMING);
    }
}
