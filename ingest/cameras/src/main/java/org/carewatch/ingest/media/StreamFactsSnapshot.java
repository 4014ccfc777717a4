package org.carewatch.ingest.media;

import java.time.Instant;

/**
 * What is known about a live stream at one moment. Zero (or null for times) means "not known yet".
 *
 * @param fps         estimated from RTP timestamps of consecutive access units
 * @param bitrateBps  RTP payload bits per second over the last complete measuring window (about 1 s)
 * @param gopLength   access units from one keyframe to the next, last complete GOP
 */
public record StreamFactsSnapshot(Codec codec, int width, int height, double fps, long bitrateBps, int gopLength,
                                  Instant lastPacketTime, Instant lastKeyframeTime, long packets, long bytes,
                                  long accessUnits, long keyframes) {
}
