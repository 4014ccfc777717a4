package org.carewatch.profiles.camera;

/** The HTTP-style authentication a camera expects on RTSP or on its snapshot endpoint. */
public enum AuthScheme {
    /** Digest (RFC 2617/7616). */
    DIGEST,
    /** Basic; the password travels base64-encoded, so only on trusted networks. */
    BASIC,
    /** Whatever the camera offers in WWW-Authenticate, Digest preferred. */
    ANY,
    /** No authentication. */
    NONE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
