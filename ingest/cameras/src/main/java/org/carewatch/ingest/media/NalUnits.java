package org.carewatch.ingest.media;

import java.util.ArrayList;
import java.util.List;

/** NAL unit header facts for H.264 (ITU-T H.264 7.4.1) and H.265 (ITU-T H.265 7.4.2.2). */
public final class NalUnits {

    public static final int H264_IDR = 5;
    public static final int H264_SEI = 6;
    public static final int H264_SPS = 7;
    public static final int H264_PPS = 8;
    public static final int H264_AUD = 9;

    public static final int H265_IRAP_FIRST = 16;
    public static final int H265_IRAP_LAST = 23;
    public static final int H265_VPS = 32;
    public static final int H265_SPS = 33;
    public static final int H265_PPS = 34;
    public static final int H265_AUD = 35;
    public static final int H265_PREFIX_SEI = 39;

    private NalUnits() {
    }

    /** The nal_unit_type, or -1 for an empty (or too short) NAL unit. */
    public static int type(Codec codec, byte[] nal) {
        return switch (codec) {
            case H264 -> nal.length < 1 ? -1 : nal[0] & 0x1F;
            case H265 -> nal.length < 2 ? -1 : (nal[0] >> 1) & 0x3F;
        };
    }

    /** True for a NAL unit that starts a random access point (H.264 IDR slice, H.265 IRAP picture). */
    public static boolean isKeyframe(Codec codec, byte[] nal) {
        int t = type(codec, nal);
        return switch (codec) {
            case H264 -> t == H264_IDR;
            case H265 -> t >= H265_IRAP_FIRST && t <= H265_IRAP_LAST;
        };
    }

    /** True for a coded slice (VCL) NAL unit. */
    public static boolean isVcl(Codec codec, byte[] nal) {
        int t = type(codec, nal);
        return switch (codec) {
            case H264 -> t >= 1 && t <= 5;
            case H265 -> t >= 0 && t <= 31;
        };
    }

    public static boolean isParameterSet(Codec codec, byte[] nal) {
        int t = type(codec, nal);
        return switch (codec) {
            case H264 -> t == H264_SPS || t == H264_PPS;
            case H265 -> t == H265_VPS || t == H265_SPS || t == H265_PPS;
        };
    }

    /** True if any NAL unit of the list starts a random access point. */
    public static boolean containsKeyframe(Codec codec, List<byte[]> nals) {
        for (byte[] nal : nals) {
            if (isKeyframe(codec, nal)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parameter sets found in {@code nals}, each missing one taken from {@code known}; null when the list
     * has none, or when a complete set cannot be formed.
     */
    public static ParameterSets parameterSetsIn(Codec codec, List<byte[]> nals, ParameterSets known) {
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        boolean any = false;
        for (byte[] nal : nals) {
            int t = type(codec, nal);
            if (codec == Codec.H264) {
                if (t == H264_SPS) {
                    sps = nal;
                    any = true;
                } else if (t == H264_PPS) {
                    pps = nal;
                    any = true;
                }
            } else if (t == H265_VPS) {
                vps = nal;
                any = true;
            } else if (t == H265_SPS) {
                sps = nal;
                any = true;
            } else if (t == H265_PPS) {
                pps = nal;
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        if (known != null) {
            vps = vps != null ? vps : known.vps();
            sps = sps != null ? sps : known.sps();
            pps = pps != null ? pps : known.pps();
        }
        if (sps == null || pps == null || (codec == Codec.H265 && vps == null)) {
            return null;
        }
        return new ParameterSets(codec == Codec.H265 ? vps : null, sps, pps);
    }

    /**
     * The access unit with each parameter set it lacks inserted before its first NAL unit (after an
     * access unit delimiter if it starts with one). Returned unchanged if nothing is missing or
     * {@code sets} is null.
     */
    public static AccessUnit withParameterSets(AccessUnit au, ParameterSets sets) {
        if (sets == null) {
            return au;
        }
        Codec codec = au.codec();
        boolean hasVps = codec == Codec.H264;
        boolean hasSps = false;
        boolean hasPps = false;
        for (byte[] nal : au.nalUnits()) {
            int t = type(codec, nal);
            if (codec == Codec.H264) {
                hasSps |= t == H264_SPS;
                hasPps |= t == H264_PPS;
            } else {
                hasVps |= t == H265_VPS;
                hasSps |= t == H265_SPS;
                hasPps |= t == H265_PPS;
            }
        }
        if (hasVps && hasSps && hasPps) {
            return au;
        }
        List<byte[]> missing = new ArrayList<>(3);
        if (!hasVps && sets.vps() != null) {
            missing.add(sets.vps());
        }
        if (!hasSps) {
            missing.add(sets.sps());
        }
        if (!hasPps) {
            missing.add(sets.pps());
        }
        List<byte[]> nals = new ArrayList<>(au.nalUnits().size() + missing.size());
        int insertAt = 0;
        int firstType = type(codec, au.nalUnits().get(0));
        if ((codec == Codec.H264 && firstType == H264_AUD) || (codec == Codec.H265 && firstType == H265_AUD)) {
            insertAt = 1;
        }
        nals.addAll(au.nalUnits().subList(0, insertAt));
        nals.addAll(missing);
        nals.addAll(au.nalUnits().subList(insertAt, au.nalUnits().size()));
        return new AccessUnit(codec, au.rtpTimestamp(), nals, au.keyframe());
    }

    /** Splits an Annex-B byte stream (3- or 4-byte start codes) into NAL units. */
    public static List<byte[]> splitAnnexB(byte[] stream) {
        List<byte[]> out = new ArrayList<>();
        int n = stream.length;
        int i = 0;
        int start = -1;
        while (i + 2 < n) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                if (start >= 0) {
                    int end = i;
                    while (end > start && stream[end - 1] == 0) {
                        end--;
                    }
                    if (end > start) {
                        out.add(java.util.Arrays.copyOfRange(stream, start, end));
                    }
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < n) {
            out.add(java.util.Arrays.copyOfRange(stream, start, n));
        }
        return out;
    }
}
