package org.carewatch.ingest.rtp;

import org.carewatch.ingest.media.AccessUnit;

/**
 * Receives what a depacketizer assembles, on the thread that feeds it. A depacketizer made by
 * {@link Depacketizers#keyframesOnly} keeps the bytes of keyframes only: each other complete access unit is
 * reported by {@link #onSkippedAccessUnit} (its timestamp and size), without its bytes ever being copied.
 */
public interface AccessUnitSink {

    /** A complete, decodable access unit (a keyframe has its parameter sets). */
    void onAccessUnit(AccessUnit accessUnit);

    /**
     * A complete, undamaged access unit that is not a keyframe and whose slice bytes were not kept (only
     * from {@link Depacketizers#keyframesOnly}); it would have been delivered whole otherwise.
     *
     * @param rtpTimestamp unsigned 32-bit value
     * @param nalBytes     the NAL unit bytes it held
     */
    void onSkippedAccessUnit(long rtpTimestamp, int nalBytes);
}
