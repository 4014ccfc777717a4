package org.carewatch.profiles.sensor;

import java.time.Duration;

/**
 * A default alert rule a centre inherits from a sensor profile. This module only loads and validates
 * rules; the alerts module interprets them.
 *
 * @param id             unique within the profile, e.g. {@code co2-critical}
 * @param threshold      for above/below/equals/rate; null for boolean-true and no-data
 * @param clearThreshold value at which a raised alert clears (hysteresis); null: the threshold itself
 * @param forDuration    how long the condition must hold before the alert is raised (zero: at once)
 * @param window         for rate: the window the change is measured over; null otherwise
 * @param schedule       when the rule applies: {@code always} or a named schedule like {@code nap},
 *                       {@code opening-hours}, {@code closed-hours}
 * @param placement      where the sensor must be installed for the rule to apply (e.g. {@code fridge},
 *                       {@code room}); null: any placement
 */
public record AlertRule(
        String id,
        String metric,
        AlertCondition condition,
        Double threshold,
        Double clearThreshold,
        Duration forDuration,
        Duration window,
        Severity severity,
        String schedule,
        String placement) {
}
