package org.carewatch.core.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * Settings of the alerts module (see the {@code alerts} section of {@code defaults.yaml}).
 *
 * @param timeZone        the zone centres' opening hours and nap windows are written in
 * @param deadlines       acknowledgement and rectification deadlines per severity
 * @param camera          camera-fault rules
 * @param deviceOfflineAfter how long a device may report "offline" before it becomes an alert
 * @param groupWindow     repeated occurrences of one alert within this window are counted but not re-notified
 * @param escalationCheckInterval how often overdue acknowledgements and answers are looked for
 * @param webhooks        outgoing signed webhooks
 */
public record AlertsConfig(
        String timeZone,
        Deadlines deadlines,
        Camera camera,
        Duration deviceOfflineAfter,
        Duration groupWindow,
        Duration escalationCheckInterval,
        Webhooks webhooks) {

    public AlertsConfig {
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new ConfigException("alerts.timeZone", "must be a time-zone id such as Asia/Shanghai, got '" + timeZone + "'");
        }
        if (deadlines == null || camera == null || webhooks == null) {
            throw new ConfigException("alerts", "deadlines, camera and webhooks must be present");
        }
        Checks.positive("alerts.deviceOfflineAfter", deviceOfflineAfter);
        Checks.positive("alerts.groupWindow", groupWindow);
        Checks.positive("alerts.escalationCheckInterval", escalationCheckInterval);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Per severity: time to acknowledge and time to answer with a rectification. */
    public record Deadlines(Deadline critical, Deadline major, Deadline minor, Deadline warning) {
        public Deadlines {
            if (critical == null || major == null || minor == null || warning == null) {
                throw new ConfigException("alerts.deadlines", "critical, major, minor and warning must all be present");
            }
            critical.check("critical");
            major.check("major");
            minor.check("minor");
            warning.check("warning");
        }
    }

    public record Deadline(Duration acknowledge, Duration answer) {
        void check(String severity) {
            Checks.positive("alerts.deadlines." + severity + ".acknowledge", acknowledge);
            Checks.positive("alerts.deadlines." + severity + ".answer", answer);
        }
    }

    /**
     * @param faultAfter         a camera offline or stalled this long during opening hours is an alert
     * @param frameFaultSamples  consecutive sampled frames with the same quality problem before an alert
     * @param frameSampleEvery   how often each held camera's latest keyframe is decoded for the quality checks
     */
    public record Camera(Duration faultAfter, int frameFaultSamples, Duration frameSampleEvery) {
        public Camera {
            Checks.positive("alerts.camera.faultAfter", faultAfter);
            Checks.range("alerts.camera.frameFaultSamples", frameFaultSamples, 1, 100);
            Checks.positive("alerts.camera.frameSampleEvery", frameSampleEvery);
            if (frameSampleEvery.toSeconds() < 10) {
                throw new ConfigException("alerts.camera.frameSampleEvery", "must be at least PT10S");
            }
        }
    }

    /**
     * @param maxAttempts    deliveries tried before the notice goes to {@code webhook_dead_letters}
     * @param initialBackoff wait before the first retry, doubled after each failure
     * @param timeout        per-request timeout
     */
    public record Webhooks(int maxAttempts, Duration initialBackoff, Duration timeout) {
        public Webhooks {
            Checks.range("alerts.webhooks.maxAttempts", maxAttempts, 1, 20);
            Checks.positive("alerts.webhooks.initialBackoff", initialBackoff);
            Checks.positive("alerts.webhooks.timeout", timeout);
        }
    }
}
