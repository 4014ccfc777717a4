package org.carewatch.profiles.camera;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Known camera misbehaviours, named in profiles under {@code quirks:} and honoured by the RTSP client.
 * This enum is the one list of valid names; {@code hardware-profiles/QUIRKS.md} explains each one.
 */
public enum Quirk {
    /** The camera answers GET_PARAMETER with an error or closes the session: keep alive with OPTIONS. */
    NO_GET_PARAMETER("no-get-parameter"),
    /** The RTP marker bit is never set at the end of an access unit: split access units on timestamp change. */
    MISSING_MARKER_BIT("missing-marker-bit"),
    /** H.264/H.265 fragmentation units with both start and end bits set: treat as a complete single fragment. */
    FU_START_END_BOTH_SET("fu-start-end-both-set"),
    /** UDP transport is broken or blocked: always use TCP-interleaved, never fall back to UDP. */
    REQUIRE_TCP("require-tcp"),
    /** The camera advertises Digest but only accepts Basic: send Basic credentials. */
    BASIC_AUTH_ONLY("basic-auth-only"),
    /** The Session timeout the camera announces is wrong: use the client's default keep-alive period. */
    IGNORE_SESSION_TIMEOUT("ignore-session-timeout"),
    /** SPS/PPS (and VPS) only appear in the SDP, never in-band: inject them before each keyframe. */
    PARAMETER_SETS_IN_SDP_ONLY("parameter-sets-in-sdp-only");

    private static final Map<String, Quirk> BY_ID = new LinkedHashMap<>();

    static {
        Arrays.stream(values()).forEach(q -> BY_ID.put(q.id, q));
    }

    private final String id;

    Quirk(String id) {
        this.id = id;
    }

    /** The name used in profile files, e.g. {@code no-get-parameter}. */
    public String id() {
        return id;
    }

    public static Optional<Quirk> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    static Map<String, Quirk> choices() {
        return BY_ID;
    }

    @Override
    public String toString() {
        return id;
    }
}
