package org.carewatch.ingest.media;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Live facts of one camera stream: codec, picture size (from the SPS), frame rate (from RTP timestamps),
 * bitrate, GOP length and the time of the last packet. One writer (the camera's event loop) calls
 * {@link #onPacket} and {@link #onAccessUnit}; any thread may call {@link #snapshot()}. Fields are
 * volatile and written by that single writer only, so each read value is current (a snapshot may mix
 * values from two consecutive packets, which is harmless for these figures).
 */
public final class StreamFacts {

    private static final long BITRATE_WINDOW_NANOS = Duration.ofSeconds(1).toNanos();
    private static final double FPS_SMOOTHING = 0.1;

    private final Codec codec;

    private volatile int width;
    private volatile int height;
    private volatile double fps;
    private volatile long bitrateBps;
    private volatile int gopLength;
    private volatile Instant lastPacketTime;
    private volatile Instant lastKeyframeTime;
    private volatile long packets;
    private volatile long bytes;
    private volatile long accessUnits;
    private volatile long keyframes;

    // Writer-only state.
    private Instant windowStart;
    private long windowBytes;
    private long lastAuTimestamp = -1;
    private double meanTicksPerFrame;
    private int sinceKeyframe = -1;
    private byte[] lastSps;

    public StreamFacts(Codec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** Call for every RTP packet with its payload size. */
    public void onPacket(int payloadBytes, Instant arrival) {
        packets = packets + 1;
        bytes = bytes + payloadBytes;
        lastPacketTime = arrival;
        if (windowStart == null) {
            windowStart = arrival;
            windowBytes = 0;
        }
        windowBytes += payloadBytes;
        long elapsed = (arrival.getEpochSecond() - windowStart.getEpochSecond()) * 1_000_000_000L
                + (arrival.getNano() - windowStart.getNano()); // Duration.between without a Duration per packet
        if (elapsed >= BITRATE_WINDOW_NANOS) {
            bitrateBps = Math.round(windowBytes * 8.0 * 1e9 / elapsed);
            windowStart = arrival;
            windowBytes = 0;
        } else if (elapsed < 0) { // clock went back: start over
            windowStart = arrival;
            windowBytes = 0;
        }
    }

    /** Call for every complete access unit. */
    public void onAccessUnit(AccessUnit au, Instant arrival) {
        onFrame(au.rtpTimestamp(), au.keyframe(), arrival);
        if (au.keyframe()) {
            readSize(au);
        }
    }

    /**
     * Call for a complete access unit that is not a keyframe and whose bytes were not kept (see
     * {@code Depacketizers.keyframesOnly}): counts it like {@link #onAccessUnit} would.
     */
    public void onNonKeyframe(long rtpTimestamp, Instant arrival) {
        onFrame(rtpTimestamp, false, arrival);
    }

    private void onFrame(long rtpTimestamp, boolean keyframe, Instant arrival) {
        accessUnits = accessUnits + 1;
        long ts = rtpTimestamp & 0xFFFF_FFFFL;
        if (lastAuTimestamp >= 0) {
            long delta = (ts - lastAuTimestamp) & 0xFFFF_FFFFL;
            // Ignore wraps, reorders and pauses longer than 5 s (90 kHz clock).
            if (delta > 0 && delta < 5 * 90_000L) {
                meanTicksPerFrame = meanTicksPerFrame == 0 ? delta
                        : meanTicksPerFrame + FPS_SMOOTHING * (delta - meanTicksPerFrame);
                fps = 90_000.0 / meanTicksPerFrame;
            }
        }
        lastAuTimestamp = ts;
        if (keyframe) {
            keyframes = keyframes + 1;
            lastKeyframeTime = arrival;
            if (sinceKeyframe > 0) {
                gopLength = sinceKeyframe;
            }
            sinceKeyframe = 1;
        } else if (sinceKeyframe > 0) {
            sinceKeyframe++;
        }
    }

    private void readSize(AccessUnit au) {
        int spsType = codec == Codec.H264 ? NalUnits.H264_SPS : NalUnits.H265_SPS;
        for (byte[] nal : au.nalUnits()) {
            if (NalUnits.type(codec, nal) == spsType && !Arrays.equals(nal, lastSps)) {
                lastSps = nal;
                SpsParser.parse(codec, nal).ifPresent(info -> {
                    width = info.width();
                    height = info.height();
                });
            }
        }
    }

    public Codec codec() {
        return codec;
    }

    public StreamFactsSnapshot snapshot() {
        return new StreamFactsSnapshot(codec, width, height, fps, bitrateBps, gopLength, lastPacketTime,
                lastKeyframeTime, packets, bytes, accessUnits, keyframes);
    }
}
