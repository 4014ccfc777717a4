package org.carewatch.alerts.lifecycle;

import java.time.Duration;
import java.time.Instant;
import org.carewatch.core.config.AlertsConfig;
import org.carewatch.profiles.sensor.Severity;

/** Acknowledgement and rectification deadlines by severity (alerts.deadlines in the configuration). */
public final class Deadlines {
    private final AlertsConfig.Deadlines cfg;

    public Deadlines(AlertsConfig.Deadlines cfg) {
        this.cfg = cfg;
    }

    public Instant acknowledgeBy(Severity s, Instant from) {
        return from.plus(of(s).acknowledge());
    }

    public Instant answerBy(Severity s, Instant from) {
        return from.plus(of(s).answer());
    }

    public Duration answerWithin(Severity s) {
        return of(s).answer();
    }

    private AlertsConfig.Deadline of(Severity s) {
        return switch (s) {
            case CRITICAL -> cfg.critical();
            case MAJOR -> cfg.major();
            case MINOR -> cfg.minor();
            case WARNING -> cfg.warning();
        };
    }
}
