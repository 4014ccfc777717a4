package org.carewatch.ingest.rtp;

/**
 * Turns the RTP packets of one video stream into access units, delivered to the consumer given to
 * {@link Depacketizers#forCodec}. Not thread-safe: feed it from one thread (an event loop); it never
 * blocks and never throws on bad payloads (they are counted and dropped).
 */
public interface Depacketizer {

    /** Feeds one packet (in arrival order; the payload type is not checked here). */
    void accept(RtpPacket packet);

    /** Counters so far; safe to read from any thread (values are individually current). */
    DepacketizerStats stats();

    long sequenceGaps();

    long droppedAccessUnits();

    long oversizeAccessUnits();
}
