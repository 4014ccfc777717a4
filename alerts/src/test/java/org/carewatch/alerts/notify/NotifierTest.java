package org.carewatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carewatch.alerts.model.Alert;
import org.carewatch.alerts.model.AlertSource;
import org.carewatch.alerts.model.AlertState;
import org.carewatch.alerts.testing.MutableClock;
import org.carewatch.profiles.sensor.Severity;
import org.junit.jupiter.api.Test;

class NotifierTest {
    static final Instant T = Instant.parse("2026-11-18T02:00:00Z");

    static Alert alert(long id) {
        return new Alert(id, 1, 1, AlertSource.SENSOR, "7", "smoke", "smoke", Severity.CRITICAL, "Smoke", Map.of(), "sensor:7:smoke",
                AlertState.OPEN, true, T, T, 1, null, T, T, 0, T, 0);
    }

    @Test
    void repeatsAndClearsAreGroupedPerAlertAndWindow() {
        MutableClock clock = new MutableClock(T);
        Notifier n = new Notifier(Duration.ofMinutes(10), clock);
        List<String> got = new ArrayList<>();
        n.add(x -> got.add(x.event() + "#" + x.alert().id()));
        n.add(x -> {
            throw new IllegalStateException("a broken publisher must not stop the others");
        });
        n.publish(new AlertNotice("alert.raised", alert(1), T, null));
        for (int i = 0; i < 5; i++) {
            n.publish(new AlertNotice("alert.cleared", alert(1), T, null));
            n.publish(new AlertNotice("alert.repeated", alert(1), T, null));
        }
        n.publish(new AlertNotice("alert.repeated", alert(2), T, null));
        clock.advance(Duration.ofMinutes(10));
        n.publish(new AlertNotice("alert.repeated", alert(1), T, null));
        n.publish(new AlertNotice("alert.acknowledged", alert(1), T, null));
        n.publish(new AlertNotice("alert.acknowledged", alert(1), T, null));
        assertThat(got).containsExactly("alert.raised#1", "alert.cleared#1", "alert.repeated#1", "alert.repeated#2",
                "alert.repeated#1", "alert.acknowledged#1", "alert.acknowledged#1");
    }
}
