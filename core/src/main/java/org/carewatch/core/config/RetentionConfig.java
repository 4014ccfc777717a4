package org.carewatch.core.config;

import java.time.Duration;
import java.util.Optional;

/** How long each time-series table keeps rows; a null duration keeps them forever. */
public record RetentionConfig(Duration readings, Duration streamEvents, Duration alertEvents) {
    public RetentionConfig {
        check("store.retention.readings", readings);
        check("store.retention.streamEvents", streamEvents);
        check("store.retention.alertEvents", alertEvents);
    }

    private static void check(String key, Duration d) {
        if (d != null && d.compareTo(Duration.ofDays(1)) < 0) {
            throw new ConfigException(key, "must be at least one day (P1D) or empty to keep rows forever");
        }
    }

    public Optional<Duration> forTable(String table) {
        return Optional.ofNullable(switch (table) {
            case "readings" -> readings;
            case "stream_events" -> streamEvents;
            case "alert_events" -> alertEvents;
            default -> null;
        });
    }
}
