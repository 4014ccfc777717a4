package org.carewatch.ingest.rtp;

/**
 * Caps that protect memory against hostile or broken streams. An access unit that exceeds either cap is
 * dropped (counted as oversize) and the depacketizer waits for the next keyframe.
 *
 * @param maxAccessUnitBytes      most NAL unit bytes in one access unit
 * @param maxNalUnitsPerAccessUnit most NAL units in one access unit
 */
public record DepacketizerLimits(int maxAccessUnitBytes, int maxNalUnitsPerAccessUnit) {

    /** 8 MiB and 1024 NAL units: far above a 4K keyframe, far below trouble. */
    public static final DepacketizerLimits DEFAULT = new DepacketizerLimits(8 * 1024 * 1024, 1024);

    public DepacketizerLimits {
        if (maxAccessUnitBytes <= 0 || maxNalUnitsPerAccessUnit <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
