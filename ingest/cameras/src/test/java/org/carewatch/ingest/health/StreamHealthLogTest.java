package org.carewatch.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import org.carewatch.ingest.rtsp.SnapshotFailure;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A camera going down is logged once per state change, at WARN, without a stack trace (issue 12 item 9). */
class StreamHealthLogTest {
    @Test
    void anOfflineCameraIsOneWarnPerChangeWithoutAStackTrace() {
        Logger logger = (Logger) LoggerFactory.getLogger(StreamHealth.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try {
            StreamHealth health = new StreamHealth(7L, e -> { }, Clock.systemUTC());
            health.connecting();
            for (int attempt = 0; attempt < 20; attempt++) {
                health.failed(SnapshotFailure.CONNECTION_REFUSED, "connection refused");
            }
            health.streaming();
            health.failed(SnapshotFailure.AUTH_FAILED, "auth failed");
            health.failed(SnapshotFailure.AUTH_FAILED, "auth failed");
        } finally {
            logger.detachAppender(seen);
        }
        assertThat(seen.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(seen.list).allMatch(e -> e.getThrowableProxy() == null);
        assertThat(seen.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage))
                .hasSize(2).anyMatch(m -> m.contains("OFFLINE")).anyMatch(m -> m.contains("AUTH_FAILED"));
    }
}
