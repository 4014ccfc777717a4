package org.carewatch.ingest.rtp;

import java.util.List;
import org.carewatch.ingest.media.AccessUnit;

/**
 * Splits access units into RTP packets for one stream. Sequence numbers continue across calls; the last
 * packet of each access unit carries the marker bit. Not thread-safe.
 */
public interface Packetizer {

    /** RTP packets for {@code au}, all with timestamp {@code rtpTimestamp} (taken modulo 2^32). */
    List<RtpPacket> packetize(AccessUnit au, long rtpTimestamp);

    /** The sequence number the next packet will get. */
    int nextSequenceNumber();

    int payloadType();

    long ssrc();
}
