package org.carewatch.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.carewatch.ingest.health.StreamHealthEvent;
import org.carewatch.ingest.health.StreamState;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.snapshot.SnapshotDecoder;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Test;

/**
 * Minutes of random camera faults (disconnects, stalls, packet loss, missing keyframes) against held
 * streams with the production reconnect policy, snapshots taken all along. Cameras 1..8 get the faults;
 * cameras 9..12 never do, and must keep delivering keyframes the whole time (one camera's trouble never
 * holds up another's). Every snapshot of a cached keyframe must decode, faulted camera or not (the cache
 * only keeps complete keyframes). The faults must be seen (offline, stalled, sequence gaps), every camera
 * streams again within the recovery budget at the end, and no socket or thread is left behind.
 * Duration: system property {@code carewatch.soak.seconds} (default 120). The pace is set by the control
 * cameras' keyframes (GOP 1 s), not by sleeping.
 */
class StreamFaultSoakIT {
    private static final int CAMERAS = 12;
    private static final int FAULTED = 8;

    @Test
    void camerasSurviveMinutesOfRandomFaults() throws Exception {
        long seconds = Long.getLong("carewatch.soak.seconds", 120);
        warmUpImageIo();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        Random random = new Random(42);
        List<StreamHealthEvent> events = new CopyOnWriteArrayList<>();
        try (IngestEventLoop simLoop = IngestEventLoop.create("soak-sim", 1);
             CameraSimulator sim = CameraSimulator.start(SimulatorOptions.defaults(CAMERAS).withClip(TestClips.shortSpec(Codec.H264)),
                     TestClips.shortClip(Codec.H264), simLoop)) {
            IngestEventLoop loop = IngestEventLoop.create("soak-holder", 2);
            StreamHolder holder = new StreamHolder(loop, events::add);
            SnapshotDecoder decoder = new SnapshotDecoder();
            RtspClientOptions base = RtspClientOptions.defaults().withReadTimeout(Duration.ofSeconds(3));
            for (int cam = 1; cam <= CAMERAS; cam++) {
                holder.hold(cam, sim.url(cam), base.withTransport(cam % 3 == 0 ? RtspTransport.UDP : RtspTransport.TCP));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> allStreaming(holder));
            int expectedChannels = loop.channels().size();

            Set<Fault> injected = EnumSet.noneOf(Fault.class);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long snapshots = 0;
            while (System.nanoTime() < end) {
                int cam = 1 + random.nextInt(FAULTED);
                var faults = sim.faults(cam);
                Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
                injected.add(fault);
                switch (fault) {
                    case DISCONNECT -> faults.disconnect(Duration.ofMillis(500 + random.nextInt(4000)));
                    case STALL -> faults.stall(random.nextBoolean());
                    case PACKET_LOSS -> faults.packetLoss(1 + random.nextInt(20));
                    case NO_KEYFRAMES -> faults.noKeyframes(random.nextBoolean());
                    case CLEAR -> faults.clear();
                }
                // The pace: the next keyframe of a camera without faults, which must come within two GOPs
                // whatever the others are going through. Officers take snapshots of it...
                int control = FAULTED + 1 + random.nextInt(CAMERAS - FAULTED);
                Keyframe fresh = holder.stream(control).orElseThrow().nextKeyframe().get(2, TimeUnit.SECONDS);
                assertSnapshot(decoder, fresh);
                snapshots++;
                // ...and of whatever a faulted camera has cached right now.
                var cached = holder.stream(1 + random.nextInt(FAULTED)).orElseThrow().latestKeyframe();
                if (cached.isPresent()) {
                    assertSnapshot(decoder, cached.get());
                    snapshots++;
                }
            }
            for (int cam = 1; cam <= CAMERAS; cam++) {
                sim.faults(cam).clear();
            }
            // Offline/stalled cameras retry at most every 5 s: all back well within 10 s of the faults ending.
            await().atMost(Duration.ofSeconds(15)).until(() -> allStreaming(holder));
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.channels().size() == expectedChannels);
            assertThat(sim.playingSessions()).isEqualTo(CAMERAS);
            assertThat(snapshots).isPositive();

            // The faults reached the holder: a soak whose faults did nothing proves nothing.
            if (injected.contains(Fault.DISCONNECT)) {
                assertThat(events).as("disconnects seen").anyMatch(e -> e.current() == StreamState.OFFLINE && e.cameraId() <= FAULTED);
            }
            if (injected.contains(Fault.STALL)) {
                assertThat(events).as("stalls seen").anyMatch(e -> e.current() == StreamState.STALLED && e.cameraId() <= FAULTED);
            }
            if (injected.contains(Fault.PACKET_LOSS)) {
                assertThat(IntStream.rangeClosed(1, FAULTED).mapToLong(c -> holder.stream(c).orElseThrow().sequenceGaps()).sum())
                        .as("packet loss seen as sequence gaps").isPositive();
            }
            assertThat(events).as("cameras without faults never left streaming")
                    .noneMatch(e -> e.cameraId() > FAULTED && e.current() != StreamState.CONNECTING && e.current() != StreamState.STREAMING);

            decoder.close();
            holder.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> loop.channels().isEmpty());
            loop.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> sim.openConnections() == 0);
        }
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(threadsBefore + 2));
    }

    private enum Fault { DISCONNECT, STALL, PACKET_LOSS, NO_KEYFRAMES, CLEAR }

    /** A cached keyframe always decodes: to a readable 320-wide JPEG (360/2 = 180 high). */
    private static void assertSnapshot(SnapshotDecoder decoder, Keyframe kf) throws Exception {
        byte[] jpeg = decoder.jpeg(kf, OptionalInt.of(320)).get(10, TimeUnit.SECONDS);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(320);
        assertThat(img.getHeight()).isEqualTo(180);
    }

    /** ImageIO starts a JVM-wide helper thread (Java2D's disposer) on first use: not a leak of ours. */
    private static void warmUpImageIo() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpg", out);
        assertThat(ImageIO.read(new ByteArrayInputStream(out.toByteArray()))).isNotNull();
    }

    private static boolean allStreaming(StreamHolder holder) {
        return IntStream.rangeClosed(1, CAMERAS).allMatch(c -> holder.stream(c).orElseThrow().state() == StreamState.STREAMING);
    }
}
