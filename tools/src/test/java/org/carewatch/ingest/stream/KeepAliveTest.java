package org.carewatch.ingest.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.rtsp.RtspMethods;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspClientOptions;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.RtspQuirks;
import org.carewatch.ingest.rtsp.RtspSession;
import org.carewatch.ingest.rtsp.RtspTransport;
import org.carewatch.ingest.rtsp.SnapshotFailure;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator closes sessions idle for 2 s; the client keeps its session alive well past that. */
class KeepAliveTest {

    private static IngestEventLoop loop;
    private static CameraSimulator sim;

    @BeforeAll
    static void start() {
        loop = IngestEventLoop.create("test-keepalive", 1);
        sim = CameraSimulator.start(SimulatorOptions.defaults(3).withClip(TestClips.shortSpec(Codec.H264))
                .withSessionTimeout(Duration.ofSeconds(2)), TestClips.shortClip(Codec.H264), loop);
    }

    @AfterAll
    static void stop() {
        sim.close();
        loop.close();
    }

    private static void assertStaysPlaying(RtspSession session, AtomicLong packets) throws Exception {
        session.started().get(5, TimeUnit.SECONDS);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> !session.ended().isDone());
        long before = packets.get();
        await().atMost(Duration.ofSeconds(2)).until(() -> packets.get() > before);
        session.close().get(5, TimeUnit.SECONDS);
        assertThat(session.ended()).isCompleted();
    }

    @Test
    void getParameterKeepsTheSessionAlive() throws Exception {
        AtomicLong packets = new AtomicLong();
        RtspSession session = RtspSession.start(loop, sim.url(1), RtspClientOptions.defaults(), p -> packets.incrementAndGet());
        assertThat(session.started().get(5, TimeUnit.SECONDS).keepAliveMethod()).isEqualTo(RtspMethods.GET_PARAMETER);
        assertStaysPlaying(session, packets);
    }

    @Test
    void optionsKeepAliveWhenTheServerLacksGetParameterOrTheProfileSaysSo() throws Exception {
        sim.faults(2).noGetParameter(true);
        AtomicLong packets = new AtomicLong();
        RtspSession session = RtspSession.start(loop, sim.url(2),
                RtspClientOptions.defaults().withTransport(RtspTransport.UDP), p -> packets.incrementAndGet());
        assertThat(session.started().get(5, TimeUnit.SECONDS).keepAliveMethod()).isEqualTo(RtspMethods.OPTIONS);
        assertStaysPlaying(session, packets);

        AtomicLong more = new AtomicLong();
        RtspSession quirky = RtspSession.start(loop, sim.url(3),
                RtspClientOptions.defaults().withQuirks(Set.of(RtspQuirks.NO_GET_PARAMETER)), p -> more.incrementAndGet());
        assertThat(quirky.started().get(5, TimeUnit.SECONDS).keepAliveMethod()).isEqualTo(RtspMethods.OPTIONS);
        quirky.close().get(5, TimeUnit.SECONDS);
    }

    @Test
    void withoutTimelyKeepAlivesTheServerEndsTheSession() throws Exception {
        // ignore-session-timeout makes the client keep alive every 30 s, far too late for this simulator:
        // the session must end, which shows the keep-alive is what holds the others open.
        RtspSession session = RtspSession.start(loop, sim.url(1),
                RtspClientOptions.defaults().withQuirks(Set.of(RtspQuirks.IGNORE_SESSION_TIMEOUT)), p -> { });
        session.started().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(6)).until(() -> session.ended().isDone());
        assertThat(session.ended()).isCompletedExceptionally();
        Throwable cause = session.ended().handle((v, e) -> e).get();
        assertThat(RtspException.of(cause).failure()).isEqualTo(SnapshotFailure.CONNECTION_LOST);
    }
}
