package org.carewatch.ingest.live;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.media.ParameterSets;
import org.carewatch.ingest.media.SpsInfo;
import org.carewatch.ingest.media.SpsParser;

/**
 * Fragmented MP4 (ISO/IEC 14496-12 and -15) for one H.264 video track, the few boxes Media Source Extensions
 * need: an init segment (ftyp + moov with avc1/avcC and mvex/trex) and media fragments (moof with
 * mfhd/traf(tfhd, tfdt, trun) + mdat). Remuxing only: the NAL units are copied, never decoded.
 *
 * <p>Written here rather than taken from a library: the maintained Java MP4 libraries are either file muxers
 * (mp4parser, last released years ago, with AspectJ at run time) or Android-only (media3-muxer).
 */
public final class Fmp4Writer {

    /** Media timescale: the RTP video clock, so RTP timestamps are used as they are. */
    public static final int TIMESCALE = 90_000;
    static final int TRACK_ID = 1;

    // sample_depends_on = 2 (an I picture) / 1 (depends on others) + sample_is_non_sync_sample.
    private static final int SYNC_SAMPLE_FLAGS = 0x02000000;
    private static final int NON_SYNC_SAMPLE_FLAGS = 0x01010000;

    private Fmp4Writer() {
    }

    /** One picture of a fragment: its NAL units (parameter sets and delimiters removed) and its duration. */
    public record Sample(List<byte[]> nalUnits, int duration, boolean keyframe) {
        public Sample {
            nalUnits = List.copyOf(nalUnits);
            if (duration < 0) {
                throw new IllegalArgumentException("negative duration");
            }
        }

        /** The picture's slices and SEI of an H.264 access unit; SPS/PPS live in avcC and AUDs are dropped. */
        public static Sample of(AccessUnit au, int duration) {
            if (au.codec() != Codec.H264) {
                throw new IllegalArgumentException("only H.264 is remuxed: " + au.codec());
            }
            List<byte[]> kept = new ArrayList<>(au.nalUnits().size());
            for (byte[] nal : au.nalUnits()) {
                int t = NalUnits.type(Codec.H264, nal);
                if (t != NalUnits.H264_AUD && t != NalUnits.H264_SPS && t != NalUnits.H264_PPS) {
                    kept.add(nal);
                }
            }
            return new Sample(kept, duration, au.keyframe());
        }

        int byteSize() {
            int n = 0;
            for (byte[] nal : nalUnits) {
                n += 4 + nal.length;
            }
            return n;
        }
    }

    /** The RFC 6381 codecs parameter for the MIME type, e.g. {@code avc1.64001f}. */
    public static String codecString(ParameterSets sets) {
        byte[] sps = sets.sps();
        if (sps.length < 4) {
            throw new IllegalArgumentException("SPS too short");
        }
        return "avc1." + HexFormat.of().formatHex(sps, 1, 4);
    }

    /** ftyp + moov for the stream these parameter sets describe. */
    public static byte[] initSegment(ParameterSets sets) {
        Objects.requireNonNull(sets, "sets");
        if (sets.vps() != null) {
            throw new IllegalArgumentException("H.265 parameter sets: only H.264 is remuxed");
        }
        SpsInfo info = SpsParser.parse(Codec.H264, sets.sps())
                .orElseThrow(() -> new IllegalArgumentException("unreadable SPS"));
        int width = info.width();
        int height = info.height();
        BoxWriter w = new BoxWriter(1024);
        w.open("ftyp").fourcc("isom").u32(0x200).fourcc("isom").fourcc("iso6").fourcc("avc1").fourcc("mp41").close();
        w.open("moov");
        w.openFull("mvhd", 0, 0).u32(0).u32(0).u32(1000).u32(0)
                .u32(0x00010000).u16(0x0100).zeros(10).unityMatrix().zeros(24).u32(TRACK_ID + 1).close();
        w.open("trak");
        // flags: track enabled | in movie
        w.openFull("tkhd", 0, 3).u32(0).u32(0).u32(TRACK_ID).u32(0).u32(0).zeros(8)
                .u16(0).u16(0).u16(0).u16(0).unityMatrix().u32((long) width << 16).u32((long) height << 16).close();
        w.open("mdia");
        w.openFull("mdhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(0).u16(0x55C4 /* und */).u16(0).close();
        w.openFull("hdlr", 0, 0).u32(0).fourcc("vide").zeros(12).bytes("CareWatch live\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).close();
        w.open("minf");
        w.openFull("vmhd", 0, 1).u16(0).u16(0).u16(0).u16(0).close();
        w.open("dinf").openFull("dref", 0, 0).u32(1).openFull("url ", 0, 1).close().close().close();
        w.open("stbl");
        w.openFull("stsd", 0, 0).u32(1);
        avc1(w, sets, width, height);
        w.close();
        w.openFull("stts", 0, 0).u32(0).close();
        w.openFull("stsc", 0, 0).u32(0).close();
        w.openFull("stsz", 0, 0).u32(0).u32(0).close();
        w.openFull("stco", 0, 0).u32(0).close();
        w.close(); // stbl
        w.close(); // minf
        w.close(); // mdia
        w.close(); // trak
        w.open("mvex").openFull("trex", 0, 0).u32(TRACK_ID).u32(1).u32(0).u32(0).u32(0).close().close();
        w.close(); // moov
        return w.toByteArray();
    }

    private static void avc1(BoxWriter w, ParameterSets sets, int width, int height) {
        w.open("avc1").zeros(6).u16(1) // reserved, data_reference_index
                .u16(0).u16(0).zeros(12).u16(width).u16(height)
                .u32(0x00480000).u32(0x00480000).u32(0).u16(1)
                .zeros(32) // compressorname
                .u16(0x0018).u16(0xFFFF);
        byte[] sps = sets.sps();
        byte[] pps = sets.pps();
        w.open("avcC").u8(1).u8(sps[1]).u8(sps[2]).u8(sps[3])
                .u8(0xFF)  // 6 reserved bits + lengthSizeMinusOne = 3
                .u8(0xE1)  // 3 reserved bits + one SPS
                .u16(sps.length).bytes(sps)
                .u8(1).u16(pps.length).bytes(pps)
                .close();
        w.close();
    }

    /**
     * One media fragment: moof + mdat holding the samples in decoding order, NAL units length-prefixed.
     *
     * @param sequence       mfhd sequence number (increasing from 1)
     * @param baseDecodeTime decode time of the first sample, in {@link #TIMESCALE} units
     */
    public static byte[] fragment(long sequence, long baseDecodeTime, List<Sample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a fragment needs at least one sample");
        }
        int payload = 0;
        for (Sample s : samples) {
            payload += s.byteSize();
        }
        BoxWriter w = new BoxWriter(payload + 128 + 12 * samples.size());
        w.open("moof");
        w.openFull("mfhd", 0, 0).u32(sequence).close();
        w.open("traf");
        w.openFull("tfhd", 0, 0x020000 /* default-base-is-moof */).u32(TRACK_ID).close();
        w.openFull("tfdt", 1, 0).u64(baseDecodeTime).close();
        // data-offset | sample-duration | sample-size | sample-flags present
        w.openFull("trun", 0, 0x000701).u32(samples.size());
        int dataOffsetAt = w.position();
        w.u32(0);
        for (Sample s : samples) {
            w.u32(s.duration()).u32(s.byteSize()).u32(s.keyframe() ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
        }
        w.close(); // trun
        w.close(); // traf
        w.close(); // moof
        int moofSize = w.position();
        w.patchU32(dataOffsetAt, moofSize + 8);
        w.open("mdat");
        for (Sample s : samples) {
            for (byte[] nal : s.nalUnits()) {
                w.u32(nal.length).bytes(nal);
            }
        }
        w.close();
        return w.toByteArray();
    }
}
