package org.carewatch.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carewatch.ingest.rtsp.SnapshotFailure;
import org.junit.jupiter.api.Test;

class StreamHealthTest {

    private final List<StreamHealthEvent> events = new ArrayList<>();
    private final StreamHealth health = new StreamHealth(1L, events::add, Clock.systemUTC());

    private List<StreamState> states() {
        return events.stream().map(StreamHealthEvent::current).toList();
    }

    @Test
    void oneEventPerChangeNotPerAttempt() {
        health.connecting();
        health.streaming();
        health.streaming();
        health.failed(SnapshotFailure.TIMEOUT, "no media for 10 s");
        health.connecting();
        health.failed(SnapshotFailure.CONNECTION_REFUSED, "refused");
        health.connecting();
        health.failed(SnapshotFailure.CONNECTION_REFUSED, "refused");
        health.streaming();
        assertThat(states()).containsExactly(StreamState.CONNECTING, StreamState.STREAMING, StreamState.STALLED,
                StreamState.OFFLINE, StreamState.STREAMING);
        assertThat(events.get(0).previous()).isNull();
        assertThat(events.get(2).previous()).isEqualTo(StreamState.STREAMING);
        assertThat(events.get(2).cameraId()).isEqualTo(1L);
    }

    @Test
    void failuresMapToTheirStates() {
        health.connecting();
        health.failed(SnapshotFailure.TIMEOUT, "never answered");
        health.failed(SnapshotFailure.AUTH_FAILED, "401");
        health.failed(SnapshotFailure.NOT_FOUND, "404");
        health.failed(SnapshotFailure.UNSUPPORTED_CODEC, "JPEG");
        health.silence("no media");
        assertThat(states()).containsExactly(StreamState.CONNECTING, StreamState.OFFLINE, StreamState.AUTH_FAILED,
                StreamState.NOT_FOUND, StreamState.UNSUPPORTED_CODEC, StreamState.STALLED);
    }

    @Test
    void listenerExceptionsDoNotBreakTheMachine() {
        StreamHealth h = new StreamHealth(2L, e -> { throw new IllegalStateException("boom"); }, Clock.systemUTC());
        h.connecting();
        h.streaming();
        assertThat(h.state()).isEqualTo(StreamState.STREAMING);
    }

    @Test
    void backoffStartsWithinOneSecondAndIsCapped() {
        ReconnectBackoff b = new ReconnectBackoff();
        assertThat(b.next(StreamState.OFFLINE)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(b.next(StreamState.OFFLINE)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        for (int i = 0; i < 100; i++) {
            assertThat(b.next(StreamState.OFFLINE)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        }
        Duration attention = b.next(StreamState.AUTH_FAILED);
        assertThat(attention).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        b.reset();
        assertThat(b.next(StreamState.AUTH_FAILED)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void backoffHasJitter() {
        List<Duration> firsts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            firsts.add(new ReconnectBackoff().next(StreamState.OFFLINE));
        }
        assertThat(firsts.stream().distinct().count()).isGreaterThan(10);
    }
}
