package org.carewatch.tools.clip;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.media.ParameterSets;

/**
 * Encodes the test scene with FFmpeg's C API (through the JavaCV/bytedeco bindings): one packet per
 * access unit, no B-frames, a keyframe every {@code gop} frames. All native objects are freed before
 * {@link #encode} returns.
 */
final class ClipEncoder {

    /** Encoders tried in order; the LGPL bytedeco build has only openh264 for H.264 and none for H.265. */
    static final List<String> H264_ENCODERS = List.of("libx264", "libopenh264");
    static final List<String> H265_ENCODERS = List.of("libx265");

    private ClipEncoder() {
    }

    /** The first encoder this FFmpeg build has for {@code codec}, or null. */
    static String availableEncoder(Codec codec) {
        for (String name : codec == Codec.H264 ? H264_ENCODERS : H265_ENCODERS) {
            AVCodec c = avcodec_find_encoder_by_name(name);
            if (c != null && !c.isNull()) {
                return name;
            }
        }
        return null;
    }

    static TestClip encode(ClipSpec spec) {
        String encoderName = availableEncoder(spec.codec());
        if (encoderName == null) {
            throw new ClipGenerationException("this FFmpeg build has no " + spec.codec() + " encoder (tried "
                    + (spec.codec() == Codec.H264 ? H264_ENCODERS : H265_ENCODERS)
                    + "); the GPL build of org.bytedeco:ffmpeg (classifier linux-x86_64-gpl, selected with"
                    + " -Dorg.bytedeco.javacpp.platform.extension=-gpl) has libx264 and libx265");
        }
        if (org.bytedeco.ffmpeg.global.avutil.av_log_get_level() > org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR) {
            // Encoders log statistics at info level; keep stderr for errors.
            org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        }
        AVCodec codec = avcodec_find_encoder_by_name(encoderName);
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVFrame frame = av_frame_alloc();
        AVPacket pkt = av_packet_alloc();
        AVDictionary opts = new AVDictionary(null);
        try {
            if (ctx == null || frame == null || pkt == null) {
                throw new ClipGenerationException("FFmpeg allocation failed");
            }
            ctx.width(spec.width());
            ctx.height(spec.height());
            ctx.pix_fmt(AV_PIX_FMT_YUV420P);
            try (AVRational timeBase = new AVRational().num(1).den(spec.fps());
                 AVRational frameRate = new AVRational().num(spec.fps()).den(1)) {
                ctx.time_base(timeBase); // copied by value
                ctx.framerate(frameRate);
            }
            ctx.gop_size(spec.gop());
            ctx.keyint_min(spec.gop());
            ctx.max_b_frames(0);
            ctx.thread_count(1);
            ctx.flags(ctx.flags() & ~AV_CODEC_FLAG_GLOBAL_HEADER); // parameter sets in-band
            // About 0.1 bit per pixel per frame: a realistic camera bitrate (~600 kbit/s at 640x360x25).
            ctx.bit_rate(Math.max(200_000L, (long) spec.width() * spec.height() * spec.fps() / 10));
            String keyint = String.format(Locale.ROOT, "keyint=%d:min-keyint=%d:scenecut=0", spec.gop(), spec.gop());
            switch (encoderName) {
                case "libx264" -> {
                    av_dict_set(opts, "preset", "veryfast", 0);
                    av_dict_set(opts, "tune", "zerolatency", 0);
                    av_dict_set(opts, "x264-params", keyint + ":repeat-headers=1", 0);
                }
                case "libx265" -> {
                    av_dict_set(opts, "preset", "ultrafast", 0);
                    av_dict_set(opts, "tune", "zerolatency", 0);
                    av_dict_set(opts, "x265-params", keyint + ":bframes=0:repeat-headers=1:log-level=error", 0);
                }
                default -> av_dict_set(opts, "allow_skip_frames", "0", 0);
            }
            check(avcodec_open2(ctx, codec, opts), "open encoder " + encoderName);

            frame.format(AV_PIX_FMT_YUV420P);
            frame.width(spec.width());
            frame.height(spec.height());
            check(av_frame_get_buffer(frame, 0), "allocate frame");

            SceneRenderer scene = new SceneRenderer(spec.width(), spec.height(), spec.fps());
            List<AccessUnit> aus = new ArrayList<>(spec.frameCount());
            for (int n = 0; n < spec.frameCount(); n++) {
                check(av_frame_make_writable(frame), "make frame writable");
                scene.render(n);
                copyPlane(frame, 0, scene.y, scene.width, scene.height);
                copyPlane(frame, 1, scene.u, scene.width / 2, scene.height / 2);
                copyPlane(frame, 2, scene.v, scene.width / 2, scene.height / 2);
                frame.pts(n);
                check(avcodec_send_frame(ctx, frame), "send frame");
                drain(ctx, pkt, spec, aus);
            }
            check(avcodec_send_frame(ctx, null), "flush encoder");
            drain(ctx, pkt, spec, aus);
            return normalize(spec, aus);
        } finally {
            av_dict_free(opts);
            av_packet_free(pkt);
            av_frame_free(frame);
            avcodec_free_context(ctx);
        }
    }

    private static void copyPlane(AVFrame frame, int plane, byte[] src, int width, int height) {
        BytePointer dst = frame.data(plane);
        int stride = frame.linesize(plane);
        for (int row = 0; row < height; row++) {
            dst.position((long) row * stride).put(src, row * width, width);
        }
    }

    private static void drain(AVCodecContext ctx, AVPacket pkt, ClipSpec spec, List<AccessUnit> out) {
        while (true) {
            int ret = avcodec_receive_packet(ctx, pkt);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return;
            }
            check(ret, "receive packet");
            try {
                byte[] data = new byte[pkt.size()];
                pkt.data().get(data);
                List<byte[]> nals = NalUnits.splitAnnexB(data);
                if (!nals.isEmpty()) {
                    long pts = pkt.pts() * 90_000L / spec.fps();
                    out.add(new AccessUnit(spec.codec(), pts, nals, NalUnits.containsKeyframe(spec.codec(), nals)));
                }
            } finally {
                av_packet_unref(pkt);
            }
        }
    }

    /** Every keyframe self-contained (parameter sets in-band), the clip's parameter sets taken from the first. */
    private static TestClip normalize(ClipSpec spec, List<AccessUnit> aus) {
        ParameterSets sets = null;
        for (AccessUnit au : aus) {
            sets = NalUnits.parameterSetsIn(spec.codec(), au.nalUnits(), sets);
            if (sets != null) {
                break;
            }
        }
        if (sets == null) {
            throw new ClipGenerationException("encoder produced no parameter sets");
        }
        if (aus.isEmpty() || !aus.get(0).keyframe()) {
            throw new ClipGenerationException("encoded clip does not start with a keyframe");
        }
        List<AccessUnit> out = new ArrayList<>(aus.size());
        for (AccessUnit au : aus) {
            out.add(au.keyframe() ? NalUnits.withParameterSets(au, sets) : au);
        }
        return new TestClip(spec, sets, out);
    }

    static void check(int ret, String what) {
        if (ret < 0) {
            byte[] buf = new byte[256];
            av_strerror(ret, buf, buf.length);
            String msg = new String(buf, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "");
            throw new ClipGenerationException("FFmpeg failed to " + what + ": " + msg + " (" + ret + ")");
        }
    }
}
