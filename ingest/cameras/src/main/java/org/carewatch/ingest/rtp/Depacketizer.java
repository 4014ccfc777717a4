package org.carewatch.ingest.rtp;

/**
 * Turns the RTP packets of one video stream into access units, delivered to the consumer given to
 * {@link Depacketizers#forCodec}. Not thread-safe: feed it from one thread (an event loop); it never
 * blocks and never throws on bad payloads (they are counted and dropped).
 */
public interface Depacketizer {

    /** Feeds one packet (in arrival order; the payload type is not checked here). */
    void accept(RtpPacket packet);

    /**
     * Feeds one packet without copying it first: the payload is read from the view's buffer during the call
     * (only the bytes of kept NAL units are copied); the buffer is neither retained nor released.
     */
    void accept(RtpPacketView packet);

    /** Counters so far; safe to read from any thread (values are individually current). */
    DepacketizerStats stats();

    long sequenceGaps();

    long droppedAccessUnits();

    long oversizeAccessUnits();
}
