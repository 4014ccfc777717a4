package org.carewatch.ingest.rtsp;

/** When a Basic challenge (the password in clear, base64-encoded) may be answered. */
public enum BasicAuth {
    /** Never: a plain connection to a camera whose profile does not say it only supports Basic. */
    REFUSED,
    /** Over TLS, when no Digest is offered now and none was expected of this camera ({@link AuthExpectation}). */
    TLS_UNLESS_DIGEST_EXPECTED,
    /** The profile says the device only supports Basic ({@code auth: basic} or the {@code basic-auth-only} quirk). */
    PROFILE_BASIC_ONLY
}
