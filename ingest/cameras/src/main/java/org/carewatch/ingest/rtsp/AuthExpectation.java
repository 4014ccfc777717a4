package org.carewatch.ingest.rtsp;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What is known of one camera's authentication across its sessions: once Digest is expected (the profile
 * says the camera uses Digest, or the camera once offered it), a Basic challenge is never answered for it
 * again: a camera, or something in its place, asking to downgrade to Basic is refused. Shared by the
 * sessions of one camera at one address; thread-safe.
 */
public final class AuthExpectation {
    private final AtomicBoolean digest;

    public AuthExpectation(boolean digestExpected) {
        this.digest = new AtomicBoolean(digestExpected);
    }

    public boolean digestExpected() {
        return digest.get();
    }

    void digestSeen() {
        digest.set(true);
    }
}
