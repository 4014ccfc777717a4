package org.carewatch.ingest.rtsp;

/**
 * Quirk flags from a camera's hardware profile that the RTSP client honours (the profile catalogue
 * defines them; they arrive as plain strings so this module does not depend on the catalogue's code).
 */
public final class RtspQuirks {

    /** Never send GET_PARAMETER; keep the session alive with OPTIONS. */
    public static final String NO_GET_PARAMETER = "no-get-parameter";
    /** Always use TCP interleaved transport, whatever was asked. */
    public static final String REQUIRE_TCP = "require-tcp";
    /**
     * The device only supports Basic (also set for profiles with {@code auth: basic}): Basic challenges are
     * answered, in clear over plain RTSP. Without it Basic is never answered over plain RTSP.
     */
    public static final String BASIC_AUTH_ONLY = "basic-auth-only";
    /** Do not trust the Session timeout; keep alive at the RTSP default interval instead. */
    public static final String IGNORE_SESSION_TIMEOUT = "ignore-session-timeout";
    /** Handled by the depacketizer (frame boundaries from timestamps). */
    public static final String MISSING_MARKER_BIT = "missing-marker-bit";
    /** Handled by the depacketizer. */
    public static final String FU_START_END_BOTH_SET = "fu-start-end-both-set";

    private RtspQuirks() {
    }
}
