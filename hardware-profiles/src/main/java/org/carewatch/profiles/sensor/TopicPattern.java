package org.carewatch.profiles.sensor;

import java.util.List;
import java.util.Optional;

/**
 * An MQTT topic with a {@code {device}} placeholder standing for exactly one topic level, e.g.
 * {@code zigbee2mqtt/{device}} or {@code tele/{device}/SENSOR}. Other levels are literal or {@code +}.
 */
public final class TopicPattern {

    static final String DEVICE = "{device}";
    private final String text;
    private final List<String> levels;

    private TopicPattern(String text) {
        this.text = text;
        this.levels = List.of(text.split("/", -1));
    }

    public static TopicPattern of(String text) {
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        return new TopicPattern(text);
    }

    /** What is wrong with a pattern, or empty when it is valid. */
    public static Optional<String> problem(String text) {
        String[] levels = text.split("/", -1);
        int devices = 0;
        for (String level : levels) {
            if (level.equals(DEVICE)) {
                devices++;
            } else if (level.contains("{") || level.contains("}")) {
                return Optional.of("only {device} may appear, as a whole topic level, got \"" + text + "\"");
            } else if (level.contains("#") || (level.contains("+") && !level.equals("+"))) {
                return Optional.of("'#' is not allowed and '+' must be a whole level, got \"" + text + "\"");
            }
        }
        if (devices != 1) {
            return Optional.of("must contain {device} exactly once as a whole topic level, got \"" + text + "\"");
        }
        return Optional.empty();
    }

    /** The subscription filter for one device, or for all devices ({@code +}) when {@code device} is null. */
    public String filter(String device) {
        if (device != null && !validDevice(device)) {
            throw new IllegalArgumentException("a device name must be one non-empty topic level without '/', '+' or '#'");
        }
        return text.replace(DEVICE, device == null ? "+" : device);
    }

    /** The device name if {@code topic} matches this pattern. */
    public Optional<String> match(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        String[] parts = topic.split("/", -1);
        if (parts.length != levels.size()) {
            return Optional.empty();
        }
        String device = null;
        for (int i = 0; i < parts.length; i++) {
            String level = levels.get(i);
            if (level.equals(DEVICE)) {
                if (!validDevice(parts[i])) {
                    return Optional.empty();
                }
                device = parts[i];
            } else if (!level.equals("+") && !level.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(device);
    }

    private static boolean validDevice(String name) {
        return !name.isEmpty() && name.indexOf('/') < 0 && name.indexOf('+') < 0 && name.indexOf('#') < 0;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicPattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
