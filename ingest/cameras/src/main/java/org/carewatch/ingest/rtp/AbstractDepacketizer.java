package org.carewatch.ingest.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.media.ParameterSets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access-unit assembly shared by H.264 and H.265: sequence-gap detection, splitting by timestamp when a
 * camera omits the marker bit, fragment reassembly, size caps, waiting for a keyframe after a loss, and
 * parameter-set re-insertion. Subclasses only turn one RTP payload into NAL units.
 *
 * <p>Payloads are read in place (from the packet's buffer); only NAL units that are kept are copied, once,
 * into their own array. Fragments are reassembled in one growable array reused from NAL unit to NAL unit.
 * With {@code skipNonKeyframes}, slices of non-keyframe pictures are only measured, never copied.
 */
abstract class AbstractDepacketizer implements Depacketizer {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractDepacketizer.class);

    /** A packet at most this far behind the expected sequence number is a late duplicate, not a jump. */
    private static final int MAX_LATE_PACKETS = 100;

    /** The reassembly array is kept between NAL units up to this size (a 1080p keyframe slice fits). */
    private static final int MAX_RETAINED_FRAGMENT_BUFFER = 512 * 1024;
    private static final int INITIAL_FRAGMENT_BUFFER = 4096;

    private final Codec codec;
    private final DepacketizerLimits limits;
    private final AccessUnitSink sink;
    private final boolean skipNonKeyframes;
    private ParameterSets knownSets;

    private int expectedSeq = -1;
    private boolean auOpen;
    private long auTimestamp;
    private final List<byte[]> nals = new ArrayList<>();
    private int nalCount;
    private int auBytes;
    private boolean skippedSlices;
    private boolean damaged;
    private boolean oversize;
    private boolean waitingForKeyframe = true;

    private boolean fragmentOpen;
    private boolean fragmentSkipped;
    private byte[] fragment = new byte[0];
    private int fragmentSize;

    private volatile long packets;
    private volatile long accessUnits;
    private volatile long gaps;
    private volatile long dropped;
    private volatile long oversizeCount;
    private volatile long malformed;

    AbstractDepacketizer(Codec codec, ParameterSets fromSdp, DepacketizerLimits limits, AccessUnitSink sink,
                         boolean skipNonKeyframes) {
        this.codec = codec;
        this.knownSets = fromSdp;
        this.limits = limits;
        this.sink = sink;
        this.skipNonKeyframes = skipNonKeyframes;
    }

    /**
     * Parses one RTP payload ({@code length} bytes at {@code index} of {@code buf}, read only during the
     * call): calls {@link #nal}, {@link #fragmentStart}, ... ; throws {@link MalformedRtpException} on bad bytes.
     */
    abstract void payload(ByteBuf buf, int index, int length);

    /** True for a slice of a picture that is not a keyframe, from the first byte of its NAL unit header. */
    abstract boolean isNonKeyframeSlice(int firstHeaderByte);

    @Override
    public final void accept(RtpPacket p) {
        byte[] payload = p.payload();
        accept(p.marker(), p.sequenceNumber(), p.timestamp(), Unpooled.wrappedBuffer(payload), 0, payload.length);
    }

    @Override
    public final void accept(RtpPacketView p) {
        accept(p.marker(), p.sequenceNumber(), p.timestamp(), p.buffer(), p.payloadIndex(), p.payloadLength());
    }

    private void accept(boolean marker, int sequenceNumber, long timestamp, ByteBuf buf, int index, int length) {
        packets = packets + 1;
        if (expectedSeq >= 0 && sequenceNumber != expectedSeq) {
            int behind = (expectedSeq - sequenceNumber) & 0xFFFF;
            if (behind <= MAX_LATE_PACKETS) {
                return; // late or duplicate packet: its access unit is already gone
            }
            // Packets lost, or a jump (e.g. the camera restarted its RTP session): resynchronise.
            gaps = gaps + 1;
            damaged = true;
            dropFragment();
        }
        expectedSeq = (sequenceNumber + 1) & 0xFFFF;
        if (auOpen && timestamp != auTimestamp) {
            finishAccessUnit(); // the previous picture's marker bit was missing (or lost)
        }
        if (!auOpen) {
            auOpen = true;
            auTimestamp = timestamp;
        }
        try {
            payload(buf, index, length);
        } catch (MalformedRtpException e) {
            malformed = malformed + 1;
            damaged = true;
            dropFragment();
            LOG.debug("malformed {} payload: {}", codec, e.getMessage());
        }
        if (marker) {
            finishAccessUnit();
        }
    }

    /** A complete NAL unit of {@code length} bytes at {@code index}. */
    final void nal(ByteBuf buf, int index, int length) {
        if (length <= 0) {
            throw new MalformedRtpException("empty NAL unit");
        }
        if (skipNonKeyframes && isNonKeyframeSlice(buf.getUnsignedByte(index))) {
            addSkipped(length);
            return;
        }
        if (admit(length)) {
            byte[] nal = new byte[length];
            buf.getBytes(index, nal);
            nals.add(nal);
        }
    }

    /**
     * First fragment of a NAL unit: its reconstructed header ({@code headerLength} bytes, big-endian in
     * {@code header}) and first data bytes.
     */
    final void fragmentStart(int header, int headerLength, ByteBuf buf, int index, int length) {
        if (fragmentOpen) {
            damaged = true; // the previous fragmented NAL unit never ended
        }
        fragmentOpen = true;
        int firstByte = (header >>> (8 * (headerLength - 1))) & 0xFF;
        fragmentSkipped = skipNonKeyframes && isNonKeyframeSlice(firstByte);
        fragmentSize = 0;
        if (!fragmentSkipped) {
            ensureFragmentCapacity(headerLength); // the data only after the cap check
            for (int k = headerLength - 1; k >= 0; k--) {
                fragment[fragmentSize++] = (byte) (header >>> (8 * k));
            }
        } else {
            fragmentSize = headerLength;
        }
        appendFragment(buf, index, length);
    }

    /** A middle or last fragment. */
    final void fragmentContinue(ByteBuf buf, int index, int length, boolean end) {
        if (!fragmentOpen) {
            damaged = true; // its start was lost
            return;
        }
        if (!appendFragment(buf, index, length)) {
            return;
        }
        if (end) {
            fragmentEnd();
        }
    }

    /** Ends the fragment started by {@link #fragmentStart} (also for an FU with start and end bits both set). */
    final void fragmentEnd() {
        if (!fragmentOpen) {
            return;
        }
        int size = fragmentSize;
        boolean skipped = fragmentSkipped;
        dropFragment();
        if (skipped) {
            addSkipped(size);
        } else if (admit(size)) {
            nals.add(Arrays.copyOf(fragment, size));
        }
    }

    private boolean appendFragment(ByteBuf buf, int index, int length) {
        if ((long) auBytes + fragmentSize + length > limits.maxAccessUnitBytes()) {
            dropFragment();
            markOversize();
            return false;
        }
        if (!fragmentSkipped) {
            ensureFragmentCapacity(fragmentSize + length);
            buf.getBytes(index, fragment, fragmentSize, length);
        }
        fragmentSize += length;
        return true;
    }

    private void ensureFragmentCapacity(int needed) {
        if (needed > fragment.length) {
            // Grows by half: the array stays for the stream's life, so overshoot costs heap per stream.
            long capacity = Math.max(INITIAL_FRAGMENT_BUFFER, fragment.length);
            while (capacity < needed) {
                capacity += capacity / 2;
            }
            capacity = Math.min(capacity, Integer.MAX_VALUE - 8);
            fragment = Arrays.copyOf(fragment, (int) capacity);
        }
    }

    private void dropFragment() {
        fragmentOpen = false;
        fragmentSkipped = false;
        fragmentSize = 0;
    }

    /** Counts a NAL unit against the caps; false if it broke one (the access unit is then oversize). */
    private boolean admit(int length) {
        if (oversize) {
            return false;
        }
        if (nalCount + 1 > limits.maxNalUnitsPerAccessUnit() || (long) auBytes + length > limits.maxAccessUnitBytes()) {
            markOversize();
            return false;
        }
        nalCount++;
        auBytes += length;
        return true;
    }

    private void addSkipped(int length) {
        if (admit(length)) {
            skippedSlices = true;
        }
    }

    private void markOversize() {
        if (!oversize) {
            oversize = true;
            oversizeCount = oversizeCount + 1;
        }
        nals.clear(); // free the memory now, not at the end of the access unit
        nalCount = 0;
        auBytes = 0;
    }

    private void finishAccessUnit() {
        boolean bad = damaged || oversize || fragmentOpen;
        long ts = auTimestamp;
        int bytes = auBytes;
        boolean skipped = skippedSlices;
        nalCount = 0;
        auBytes = 0;
        skippedSlices = false;
        dropFragment();
        if (fragment.length > MAX_RETAINED_FRAGMENT_BUFFER) {
            fragment = new byte[0]; // an unusually large NAL unit: do not pin its buffer for the stream's life
        }
        damaged = false;
        oversize = false;
        auOpen = false;
        try {
            if (bad) {
                dropped = dropped + 1;
                waitingForKeyframe = true;
                return;
            }
            if (nals.isEmpty() && !skipped) {
                return;
            }
            ParameterSets inBand = nals.isEmpty() ? null : NalUnits.parameterSetsIn(codec, nals, knownSets);
            if (inBand != null) {
                knownSets = inBand;
            }
            boolean keyframe = !skipped && NalUnits.containsKeyframe(codec, nals);
            if (waitingForKeyframe && !keyframe) {
                if (skipped || containsSlice()) {
                    dropped = dropped + 1;
                }
                return;
            }
            waitingForKeyframe = false;
            accessUnits = accessUnits + 1;
            if (skipped) {
                sink.onSkippedAccessUnit(ts, bytes);
                return;
            }
            AccessUnit au = new AccessUnit(codec, ts, nals, keyframe);
            if (keyframe) {
                au = NalUnits.withParameterSets(au, knownSets);
            }
            sink.onAccessUnit(au);
        } catch (RuntimeException e) {
            LOG.warn("access unit consumer failed", e);
        } finally {
            nals.clear();
        }
    }

    private boolean containsSlice() {
        for (int k = 0; k < nals.size(); k++) {
            if (NalUnits.isVcl(codec, nals.get(k))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public DepacketizerStats stats() {
        return new DepacketizerStats(packets, accessUnits, gaps, dropped, oversizeCount, malformed);
    }

    @Override
    public long sequenceGaps() {
        return gaps;
    }

    @Override
    public long droppedAccessUnits() {
        return dropped;
    }

    @Override
    public long oversizeAccessUnits() {
        return oversizeCount;
    }
}
