package org.carewatch.ingest.rtp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
 */
abstract class AbstractDepacketizer implements Depacketizer {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractDepacketizer.class);

    /** A packet at most this far behind the expected sequence number is a late duplicate, not a jump. */
    private static final int MAX_LATE_PACKETS = 100;

    private final Codec codec;
    private final DepacketizerLimits limits;
    private final Consumer<AccessUnit> sink;
    private ParameterSets knownSets;

    private int expectedSeq = -1;
    private boolean auOpen;
    private long auTimestamp;
    private final List<byte[]> nals = new ArrayList<>();
    private int auBytes;
    private boolean damaged;
    private boolean oversize;
    private boolean waitingForKeyframe = true;

    private ByteArrayOutputStream fragment;

    private volatile long packets;
    private volatile long accessUnits;
    private volatile long gaps;
    private volatile long dropped;
    private volatile long oversizeCount;
    private volatile long malformed;

    AbstractDepacketizer(Codec codec, ParameterSets fromSdp, DepacketizerLimits limits, Consumer<AccessUnit> sink) {
        this.codec = codec;
        this.knownSets = fromSdp;
        this.limits = limits;
        this.sink = sink;
    }

    /** Parses one RTP payload: calls {@link #nal}, {@link #fragmentStart}, ... ; throws on bad bytes. */
    abstract void payload(byte[] payload);

    @Override
    public final void accept(RtpPacket p) {
        packets = packets + 1;
        if (expectedSeq >= 0 && p.sequenceNumber() != expectedSeq) {
            int behind = (expectedSeq - p.sequenceNumber()) & 0xFFFF;
            if (behind <= MAX_LATE_PACKETS) {
                return; // late or duplicate packet: its access unit is already gone
            }
            // Packets lost, or a jump (e.g. the camera restarted its RTP session): resynchronise.
            gaps = gaps + 1;
            damaged = true;
            fragment = null;
        }
        expectedSeq = (p.sequenceNumber() + 1) & 0xFFFF;
        if (auOpen && p.timestamp() != auTimestamp) {
            finishAccessUnit(); // the previous picture's marker bit was missing (or lost)
        }
        if (!auOpen) {
            auOpen = true;
            auTimestamp = p.timestamp();
        }
        try {
            payload(p.payload());
        } catch (MalformedRtpException e) {
            malformed = malformed + 1;
            damaged = true;
            fragment = null;
            LOG.debug("malformed {} payload: {}", codec, e.getMessage());
        }
        if (p.marker()) {
            finishAccessUnit();
        }
    }

    /** A complete NAL unit. */
    final void nal(byte[] nal) {
        if (nal.length == 0) {
            throw new MalformedRtpException("empty NAL unit");
        }
        if (oversize) {
            return;
        }
        if (nals.size() + 1 > limits.maxNalUnitsPerAccessUnit()
                || (long) auBytes + nal.length > limits.maxAccessUnitBytes()) {
            markOversize();
            return;
        }
        nals.add(nal);
        auBytes += nal.length;
    }

    /** First fragment of a NAL unit: its reconstructed header and first data bytes. */
    final void fragmentStart(byte[] header, byte[] data, int offset) {
        if (fragment != null) {
            damaged = true; // the previous fragmented NAL unit never ended
        }
        fragment = new ByteArrayOutputStream(Math.max(1024, data.length * 4));
        fragment.writeBytes(header);
        fragment.write(data, offset, data.length - offset);
        checkFragmentSize();
    }

    /** A middle or last fragment. */
    final void fragmentContinue(byte[] data, int offset, boolean end) {
        if (fragment == null) {
            damaged = true; // its start was lost
            return;
        }
        fragment.write(data, offset, data.length - offset);
        if (!checkFragmentSize()) {
            return;
        }
        if (end) {
            byte[] nal = fragment.toByteArray();
            fragment = null;
            nal(nal);
        }
    }

    /** Ends the fragment started by {@link #fragmentStart} (FU with start and end bits both set). */
    final void fragmentEnd() {
        if (fragment != null) {
            byte[] nal = fragment.toByteArray();
            fragment = null;
            nal(nal);
        }
    }

    private boolean checkFragmentSize() {
        if ((long) auBytes + fragment.size() > limits.maxAccessUnitBytes()) {
            fragment = null;
            markOversize();
            return false;
        }
        return true;
    }

    private void markOversize() {
        if (!oversize) {
            oversize = true;
            oversizeCount = oversizeCount + 1;
        }
        nals.clear(); // free the memory now, not at the end of the access unit
        auBytes = 0;
    }

    private void finishAccessUnit() {
        boolean incomplete = fragment != null;
        List<byte[]> done = new ArrayList<>(nals);
        boolean bad = damaged || oversize || incomplete;
        long ts = auTimestamp;
        nals.clear();
        auBytes = 0;
        fragment = null;
        damaged = false;
        oversize = false;
        auOpen = false;
        if (bad) {
            dropped = dropped + 1;
            waitingForKeyframe = true;
            return;
        }
        if (done.isEmpty()) {
            return;
        }
        ParameterSets inBand = NalUnits.parameterSetsIn(codec, done, knownSets);
        if (inBand != null) {
            knownSets = inBand;
        }
        boolean keyframe = NalUnits.containsKeyframe(codec, done);
        if (waitingForKeyframe && !keyframe) {
            if (done.stream().anyMatch(n -> NalUnits.isVcl(codec, n))) {
                dropped = dropped + 1;
            }
            return;
        }
        waitingForKeyframe = false;
        AccessUnit au = new AccessUnit(codec, ts, done, keyframe);
        if (keyframe) {
            au = NalUnits.withParameterSets(au, knownSets);
        }
        accessUnits = accessUnits + 1;
        try {
            sink.accept(au);
        } catch (RuntimeException e) {
            LOG.warn("access unit consumer failed", e);
        }
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
