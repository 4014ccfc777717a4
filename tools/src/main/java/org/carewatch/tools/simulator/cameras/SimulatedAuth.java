package org.carewatch.tools.simulator.cameras;

/** Which authentication a simulated camera demands. */
public enum SimulatedAuth {
    /** Basic (RFC 7617). */
    BASIC,
    /** Digest MD5 without qop, the form most cameras use. */
    DIGEST_MD5,
    /** Digest SHA-256 with qop=auth (RFC 7616). */
    DIGEST_SHA256
}
