package org.carewatch.alerts.camera;

import java.util.Locale;
import org.carewatch.profiles.sensor.Severity;

/** A problem seen in a sampled frame; each is an alert kind {@code frame-...}. */
public enum FrameFlag {
    /** Black, or one flat colour (a recorder's "no signal" screen). */
    BLACK(Severity.MAJOR),
    /** Identical to the previous sample: the picture is not live. */
    FROZEN(Severity.MAJOR),
    /** Most of the picture is one featureless area: lens covered or blocked. */
    COVERED(Severity.MAJOR),
    BLURRED(Severity.MINOR),
    DARK(Severity.MINOR),
    BRIGHT(Severity.MINOR),
    COLOUR_CAST(Severity.WARNING);

    private final Severity severity;

    FrameFlag(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    public String kind() {
        return "frame-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
