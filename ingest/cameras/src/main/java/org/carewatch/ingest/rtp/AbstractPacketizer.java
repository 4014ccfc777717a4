package org.carewatch.ingest.rtp;

import java.util.ArrayList;
import java.util.List;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.NalUnits;

/**
 * Packetization shared by H.264 and H.265: leading non-VCL NAL units aggregated when allowed, small NAL
 * units sent alone, large ones fragmented; the marker bit on the access unit's last packet.
 */
abstract class AbstractPacketizer implements Packetizer {

    private final Codec codec;
    private final int payloadType;
    private final long ssrc;
    final int maxPayload;
    private final boolean aggregate;
    private int nextSeq;

    AbstractPacketizer(Codec codec, int payloadType, long ssrc, int mtu, int firstSequenceNumber, boolean aggregate) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type 0..127");
        }
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc is an unsigned 32-bit value");
        }
        if (mtu < 64 || mtu > 65_535) {
            throw new IllegalArgumentException("mtu 64..65535");
        }
        if (firstSequenceNumber < 0 || firstSequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequence number 0..65535");
        }
        this.codec = codec;
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.maxPayload = mtu - RtpPacket.FIXED_HEADER_SIZE;
        this.aggregate = aggregate;
        this.nextSeq = firstSequenceNumber;
    }

    /** Bytes of the aggregation packet header (STAP-A: 1, AP: 2). */
    abstract int aggregationHeaderSize();

    abstract byte[] aggregationHeader(List<byte[]> nals);

    /** Fragments of one NAL unit larger than {@link #maxPayload}. */
    abstract List<byte[]> fragment(byte[] nal);

    @Override
    public List<RtpPacket> packetize(AccessUnit au, long rtpTimestamp) {
        if (au.codec() != codec) {
            throw new IllegalArgumentException(au.codec() + " access unit given to a " + codec + " packetizer");
        }
        long ts = rtpTimestamp & 0xFFFF_FFFFL;
        List<byte[]> payloads = new ArrayList<>();
        List<byte[]> nals = au.nalUnits();
        int i = 0;
        if (aggregate) {
            int end = i;
            int size = aggregationHeaderSize();
            while (end < nals.size() && !NalUnits.isVcl(codec, nals.get(end))
                    && size + 2 + nals.get(end).length <= maxPayload) {
                size += 2 + nals.get(end).length;
                end++;
            }
            if (end - i >= 2) {
                payloads.add(aggregated(nals.subList(i, end), size));
                i = end;
            }
        }
        for (; i < nals.size(); i++) {
            byte[] nal = nals.get(i);
            if (nal.length <= maxPayload) {
                payloads.add(nal);
            } else {
                payloads.addAll(fragment(nal));
            }
        }
        List<RtpPacket> packets = new ArrayList<>(payloads.size());
        for (int k = 0; k < payloads.size(); k++) {
            packets.add(new RtpPacket(k == payloads.size() - 1, payloadType, nextSeq, ts, ssrc, payloads.get(k)));
            nextSeq = (nextSeq + 1) & 0xFFFF;
        }
        return packets;
    }

    private byte[] aggregated(List<byte[]> group, int size) {
        byte[] out = new byte[size];
        byte[] header = aggregationHeader(group);
        System.arraycopy(header, 0, out, 0, header.length);
        int o = header.length;
        for (byte[] nal : group) {
            out[o++] = (byte) (nal.length >> 8);
            out[o++] = (byte) nal.length;
            System.arraycopy(nal, 0, out, o, nal.length);
            o += nal.length;
        }
        return out;
    }

    /** Splits {@code nal} after its {@code headerLen}-byte header into chunks of at most {@code chunk} bytes. */
    static List<byte[]> chunks(byte[] nal, int headerLen, int chunk, byte[] prefix, int fuHeaderIndex, int nalType) {
        List<byte[]> out = new ArrayList<>();
        int pos = headerLen;
        while (pos < nal.length) {
            int len = Math.min(chunk, nal.length - pos);
            byte[] p = new byte[prefix.length + len];
            System.arraycopy(prefix, 0, p, 0, prefix.length);
            int fu = nalType;
            if (pos == headerLen) {
                fu |= 0x80;
            }
            if (pos + len == nal.length) {
                fu |= 0x40;
            }
            p[fuHeaderIndex] = (byte) fu;
            System.arraycopy(nal, pos, p, prefix.length, len);
            out.add(p);
            pos += len;
        }
        return out;
    }

    @Override
    public int nextSequenceNumber() {
        return nextSeq;
    }

    @Override
    public int payloadType() {
        return payloadType;
    }

    @Override
    public long ssrc() {
        return ssrc;
    }
}
