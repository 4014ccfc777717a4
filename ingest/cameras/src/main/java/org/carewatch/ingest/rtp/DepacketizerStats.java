package org.carewatch.ingest.rtp;

/**
 * Counters of one depacketizer since it was created.
 *
 * @param packets            RTP packets accepted
 * @param accessUnits        complete access units delivered
 * @param sequenceGaps       times a sequence-number gap (lost or reordered packets) was seen
 * @param droppedAccessUnits access units discarded (damaged by a gap, malformed, oversize, or before the
 *                           first keyframe after a loss)
 * @param oversizeAccessUnits access units that broke a {@link DepacketizerLimits} cap
 * @param malformedPackets   packets whose payload broke the payload format
 */
public record DepacketizerStats(long packets, long accessUnits, long sequenceGaps, long droppedAccessUnits,
                                long oversizeAccessUnits, long malformedPackets) {
}
