package org.carewatch.ingest.media;

import java.util.Optional;

/** Reads picture size (and frame rate when signalled) from an H.264 or H.265 SPS NAL unit. */
public final class SpsParser {

    private SpsParser() {
    }

    /** Parses {@code sps} (one NAL unit, header included); empty when it is not a well-formed SPS. */
    public static Optional<SpsInfo> parse(Codec codec, byte[] sps) {
        try {
            return Optional.of(switch (codec) {
                case H264 -> parseH264(sps);
                case H265 -> parseH265(sps);
            });
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SpsInfo parseH264(byte[] nal) {
        if (NalUnits.type(Codec.H264, nal) != NalUnits.H264_SPS) {
            throw new IllegalArgumentException("not an H.264 SPS");
        }
        BitReader r = new BitReader(BitReader.unescape(nal), 1);
        int profile = r.u(8);
        r.skip(8); // constraint flags
        int level = r.u(8);
        r.ue(); // seq_parameter_set_id
        int chromaFormat = 1;
        boolean separateColourPlanes = false;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139
                || profile == 134 || profile == 135) {
            chromaFormat = r.ue();
            if (chromaFormat > 3) {
                throw new IllegalArgumentException("chroma_format_idc " + chromaFormat);
            }
            if (chromaFormat == 3) {
                separateColourPlanes = r.flag();
            }
            r.ue(); // bit_depth_luma_minus8
            r.ue(); // bit_depth_chroma_minus8
            r.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormat != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.flag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ue(); // log2_max_frame_num_minus4
        int pocType = r.ue();
        if (pocType == 0) {
            r.ue();
        } else if (pocType == 1) {
            r.skip(1);
            r.se();
            r.se();
            int cycle = r.ue();
            if (cycle > 255) {
                throw new IllegalArgumentException("num_ref_frames_in_pic_order_cnt_cycle " + cycle);
            }
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
        r.ue(); // max_num_ref_frames
        r.skip(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = r.ue() + 1;
        int heightMapUnits = r.ue() + 1;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.skip(1);
        }
        r.skip(1); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        if (r.flag()) { // frame_cropping_flag
            int left = r.ue();
            int right = r.ue();
            int top = r.ue();
            int bottom = r.ue();
            int arrayType = separateColourPlanes ? 0 : chromaFormat;
            int cropX = arrayType == 0 ? 1 : (arrayType == 3 ? 1 : 2);
            int cropY = (arrayType == 0 ? 1 : (arrayType == 1 ? 2 : 1)) * (frameMbsOnly ? 1 : 2);
            width -= cropX * (left + right);
            height -= cropY * (top + bottom);
        }
        double fps = 0;
        if (r.flag()) { // vui_parameters_present_flag
            fps = h264VuiFps(r);
        }
        checkSize(width, height);
        return new SpsInfo(Codec.H264, profile, level, width, height, fps);
    }

    private static double h264VuiFps(BitReader r) {
        try {
            if (r.flag()) { // aspect_ratio_info_present_flag
                if (r.u(8) == 255) {
                    r.skip(32);
                }
            }
            if (r.flag()) { // overscan_info_present_flag
                r.skip(1);
            }
            if (r.flag()) { // video_signal_type_present_flag
                r.skip(4);
                if (r.flag()) {
                    r.skip(24);
                }
            }
            if (r.flag()) { // chroma_loc_info_present_flag
                r.ue();
                r.ue();
            }
            if (r.flag()) { // timing_info_present_flag
                long unitsInTick = r.u32();
                long timeScale = r.u32();
                if (unitsInTick > 0 && timeScale > 0) {
                    return timeScale / (2.0 * unitsInTick);
                }
            }
        } catch (IllegalArgumentException truncatedVui) {
            // Some cameras truncate the VUI; the picture size is all that matters.
        }
        return 0;
    }

    private static void skipScalingList(BitReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + r.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    private static SpsInfo parseH265(byte[] nal) {
        if (NalUnits.type(Codec.H265, nal) != NalUnits.H265_SPS) {
            throw new IllegalArgumentException("not an H.265 SPS");
        }
        BitReader r = new BitReader(BitReader.unescape(nal), 2);
        r.skip(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.u(3);
        r.skip(1); // sps_temporal_id_nesting_flag
        // profile_tier_level(1, maxSubLayersMinus1)
        r.skip(2 + 1); // general_profile_space, general_tier_flag
        int profile = r.u(5);
        r.skip(32 + 4 + 43 + 1);
        int level = r.u(8);
        boolean[] subProfile = new boolean[maxSubLayersMinus1];
        boolean[] subLevel = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            subProfile[i] = r.flag();
            subLevel[i] = r.flag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skip(2 * (8 - maxSubLayersMinus1));
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (subProfile[i]) {
                r.skip(88);
            }
            if (subLevel[i]) {
                r.skip(8);
            }
        }
        r.ue(); // sps_seq_parameter_set_id
        int chromaFormat = r.ue();
        if (chromaFormat > 3) {
            throw new IllegalArgumentException("chroma_format_idc " + chromaFormat);
        }
        boolean separate = chromaFormat == 3 && r.flag();
        int width = r.ue();
        int height = r.ue();
        if (r.flag()) { // conformance_window_flag
            int left = r.ue();
            int right = r.ue();
            int top = r.ue();
            int bottom = r.ue();
            int arrayType = separate ? 0 : chromaFormat;
            int subW = arrayType == 1 || arrayType == 2 ? 2 : 1;
            int subH = arrayType == 1 ? 2 : 1;
            width -= subW * (left + right);
            height -= subH * (top + bottom);
        }
        checkSize(width, height);
        return new SpsInfo(Codec.H265, profile, level, width, height, 0);
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("implausible picture size " + width + "x" + height);
        }
    }
}
