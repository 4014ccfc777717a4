package org.carewatch.alerts.rules;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.carewatch.core.errors.InvalidInputException;
import org.carewatch.profiles.sensor.Severity;

/**
 * A centre's override of one rule as a caller sends it: null fields keep the profile's value,
 * {@code enabled} defaults to true, {@code forDuration} is ISO-8601 (e.g. {@code PT10M}), {@code severity}
 * one of critical, major, minor, warning. {@link RuleOverrides#put} reads it; the values are then checked
 * against the rule ({@link OverrideCheck}).
 */
public record RuleOverrideInput(Boolean enabled, Double threshold, Double clearThreshold, String forDuration, String severity,
                                String schedule) {

    /** The override for one rule of a centre; {@link InvalidInputException} for a duration or severity that does not parse. */
    RuleOverride toOverride(long centreId, String profileId, String ruleId) {
        return new RuleOverride(centreId, profileId, ruleId, enabled == null || enabled, threshold, clearThreshold,
                duration(forDuration), severity(severity), schedule == null ? null : schedule.strip());
    }

    private static Duration duration(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Duration.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("for", "must be an ISO-8601 duration such as PT10M or PT1H");
        }
    }

    private static Severity severity(String raw) {
        if (raw == null) {
            return null;
        }
        for (Severity s : Severity.values()) {
            if (s.id().equals(raw.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new InvalidInputException("severity", "must be one of critical, major, minor, warning");
    }
}
