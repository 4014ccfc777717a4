package org.carewatch.tools.simulator.cameras;

import java.time.Duration;
import java.util.Objects;
import org.carewatch.ingest.rtsp.Credentials;

/**
 * Faults of one simulated camera, switchable at runtime from any thread. Changes apply to the running
 * stream on the next tick (or next request).
 */
public final class CameraFaults {

    private final Runnable onDisconnect;
    private volatile Credentials credentials;
    private volatile SimulatedAuth auth = SimulatedAuth.DIGEST_MD5;
    private volatile double packetLossPercent;
    private volatile boolean stalled;
    private volatile long refuseUntilNanos;
    private volatile boolean noKeyframes;
    private volatile boolean unsupportedCodec;
    private volatile boolean unresponsive;
    private volatile boolean noGetParameter;

    CameraFaults(Runnable onDisconnect) {
        this.onDisconnect = onDisconnect;
    }

    /** Require these credentials with the given scheme. */
    public CameraFaults requireAuth(Credentials c, SimulatedAuth scheme) {
        this.auth = Objects.requireNonNull(scheme);
        this.credentials = Objects.requireNonNull(c);
        return this;
    }

    /** Require Digest (MD5) authentication with these credentials. */
    public CameraFaults requireDigest(Credentials c) {
        return requireAuth(c, SimulatedAuth.DIGEST_MD5);
    }

    public CameraFaults noAuth() {
        this.credentials = null;
        return this;
    }

    /** Drop this share of RTP packets at random (0–100). */
    public CameraFaults packetLoss(double percent) {
        if (percent < 0 || percent > 100 || Double.isNaN(percent)) {
            throw new IllegalArgumentException("packet loss must be 0..100 %");
        }
        this.packetLossPercent = percent;
        return this;
    }

    /** Stop (true) or resume (false) sending media while keeping connections and answering requests. */
    public CameraFaults stall(boolean on) {
        this.stalled = on;
        return this;
    }

    /**
     * Closes every connection of this camera now, and for {@code refuseFor} closes any new connection that
     * asks for it without answering (the simulator serves all cameras on one port, so this is how
     * "refuse" looks per camera).
     */
    public CameraFaults disconnect(Duration refuseFor) {
        this.refuseUntilNanos = System.nanoTime() + refuseFor.toNanos();
        onDisconnect.run();
        return this;
    }

    /** Skip every keyframe (and the parameter sets it carries): only predicted frames are sent. */
    public CameraFaults noKeyframes(boolean on) {
        this.noKeyframes = on;
        return this;
    }

    /** Describe the stream as Motion JPEG (payload type 26) instead of H.264/H.265. */
    public CameraFaults unsupportedCodec(boolean on) {
        this.unsupportedCodec = on;
        return this;
    }

    /** Accept connections for this camera but never answer a request. */
    public CameraFaults unresponsive(boolean on) {
        this.unresponsive = on;
        return this;
    }

    /** Leave GET_PARAMETER out of the OPTIONS Public list and answer it with 501. */
    public CameraFaults noGetParameter(boolean on) {
        this.noGetParameter = on;
        return this;
    }

    /** Clears every fault except authentication. */
    public CameraFaults clear() {
        packetLossPercent = 0;
        stalled = false;
        refuseUntilNanos = 0;
        noKeyframes = false;
        unsupportedCodec = false;
        unresponsive = false;
        noGetParameter = false;
        return this;
    }

    Credentials credentials() {
        return credentials;
    }

    SimulatedAuth auth() {
        return auth;
    }

    double packetLossPercent() {
        return packetLossPercent;
    }

    boolean stalled() {
        return stalled;
    }

    boolean refusing() {
        long until = refuseUntilNanos;
        return until != 0 && System.nanoTime() - until < 0;
    }

    boolean noKeyframes() {
        return noKeyframes;
    }

    boolean unsupportedCodec() {
        return unsupportedCodec;
    }

    boolean unresponsive() {
        return unresponsive;
    }

    boolean noGetParameter() {
        return noGetParameter;
    }
}
