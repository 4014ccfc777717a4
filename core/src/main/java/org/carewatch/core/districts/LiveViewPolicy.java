package org.carewatch.core.districts;

import java.util.Locale;

/**
 * A district's rule for looking at its centres' cameras now (snapshots and live video; not the frames a
 * patrol sampled beforehand): some jurisdictions forbid real-time viewing by anyone.
 */
public enum LiveViewPolicy {
    /** Anyone whose role and scope allow it may look. */
    ALLOWED,
    /** Only with a stated purpose, which the access log keeps. */
    PURPOSE,
    /** Nobody may look. */
    DISABLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LiveViewPolicy fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
