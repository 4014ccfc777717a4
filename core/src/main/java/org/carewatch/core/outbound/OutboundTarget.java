package org.carewatch.core.outbound;

/** What CareWatch connects out to; each has its own rules under {@code outbound:} in the configuration. */
public enum OutboundTarget {
    /** RTSP streams and HTTP snapshot endpoints of registered cameras ({@code outbound.cameras}). */
    CAMERA("cameras"),
    /** Alert webhooks ({@code outbound.webhooks}). */
    WEBHOOK("webhooks");

    private final String key;

    OutboundTarget(String key) {
        this.key = key;
    }

    /** The configuration section, e.g. {@code cameras}. */
    public String key() {
        return key;
    }
}
