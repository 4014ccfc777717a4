package org.carewatch.ingest.snapshot;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_QSCALE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_0RGB32;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.FF_QP2LAMBDA;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale_frame;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.DoublePointer;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;

/**
 * One worker thread's FFmpeg state: a decoder per codec (H.264, H.265, and JPEG for vendors' HTTP
 * snapshots), two scalers (to YUV for the JPEG encoder, to packed RGB for the picture), a JPEG encoder and
 * the frames and packet they share. A request decodes once; the JPEG and the picture are both made from
 * that decoded frame, each with the privacy masks painted in before it leaves. Not thread-safe;
 * {@link #close()} frees every native object (idempotent).
 */
final class FfmpegSnapshotSession implements AutoCloseable {

    /** Larger pictures are refused rather than allocated (a vendor JPEG is untrusted input). */
    static final long MAX_PIXELS = 8192L * 8192;

    private final int jpegQuality;
    private final JpegEncoding encoding;
    private final Map<Integer, AVCodecContext> decoders = new HashMap<>();
    private AVPacket packet;
    private AVFrame decoded;
    private AVFrame scaled;
    private AVFrame rgb;
    private SwsContext sws;
    private SwsContext swsRgb;
    private AVCodecContext jpegEncoder;
    private long jpegPts;
    private boolean closed;

    FfmpegSnapshotSession(int jpegQuality, JpegEncoding encoding) {
        this.jpegQuality = jpegQuality;
        this.encoding = encoding;
        FfmpegLogLevel.quiet();
        packet = av_packet_alloc();
        decoded = av_frame_alloc();
        scaled = av_frame_alloc();
        rgb = av_frame_alloc();
        if (packet == null || decoded == null || scaled == null || rgb == null) {
            close();
            throw new SnapshotException("FFmpeg allocation failed");
        }
    }

    /** An unmasked JPEG of the keyframe (what {@link SnapshotDecoder#jpeg} gives). */
    byte[] jpeg(Keyframe keyframe, OptionalInt maxWidth) {
        return decode(keyframe, DecodeRequest.ofJpeg(maxWidth)).jpeg();
    }

    <R> DecodedPicture<R> decode(Keyframe keyframe, DecodeRequest<R> request) {
        ensureOpen();
        decode(keyframe.codec() == Codec.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC, keyframe.codec().name(),
                keyframe.toAnnexB(), keyframe.codec() + " keyframe");
        return render(request);
    }

    /** A JPEG from elsewhere (a vendor's HTTP snapshot endpoint) through the same masks and outputs. */
    <R> DecodedPicture<R> decodeJpeg(byte[] jpeg, DecodeRequest<R> request) {
        ensureOpen();
        decode(AV_CODEC_ID_MJPEG, "JPEG", jpeg, "JPEG");
        return render(request);
    }

    private void ensureOpen() {
        if (closed) {
            throw new SnapshotRejectedException("snapshot decoder closed");
        }
    }

    /** Makes every asked output from the one decoded frame, then releases it. */
    private <R> DecodedPicture<R> render(DecodeRequest<R> request) {
        try {
            int srcW = decoded.width();
            int srcH = decoded.height();
            int dstW = srcW;
            int dstH = srcH;
            OptionalInt maxWidth = request.maxWidth();
            if (maxWidth.isPresent() && maxWidth.getAsInt() < srcW) {
                dstW = Math.max(2, maxWidth.getAsInt() & ~1);
                dstH = Math.max(2, (int) Math.round((double) srcH * dstW / srcW) & ~1);
            }
            boolean needPicture = request.picture() || request.check() != null
                    || (request.jpeg() && encoding == JpegEncoding.IMAGEIO);
            BufferedImage picture = needPicture ? picture(dstW, dstH, request) : null;
            byte[] jpeg = null;
            if (request.jpeg()) {
                // FFmpeg's encoder reads YUV: scale the decoded frame straight to it (no detour through the
                // RGB picture) and paint the masks there.
                jpeg = encoding == JpegEncoding.FFMPEG_MJPEG ? mjpeg(dstW, dstH, request) : imageIo(picture);
            }
            R checked = request.check() == null ? null : request.check().apply(picture);
            return new DecodedPicture<>(dstW, dstH, jpeg, request.picture() ? picture : null, checked);
        } finally {
            av_frame_unref(decoded);
        }
    }

    private void decode(int codecId, String codecName, byte[] data, String what) {
        AVCodecContext ctx = decoder(codecId, codecName);
        boolean ok = false;
        try {
            // av_new_packet zero-pads the buffer (AV_INPUT_BUFFER_PADDING_SIZE): FFmpeg's bitstream
            // readers may read past the end, so never hand it an unpadded Java copy.
            check(av_new_packet(packet, data.length), "allocate packet", false);
            packet.data().put(data, 0, data.length);
            int ret = avcodec_send_packet(ctx, packet);
            av_packet_unref(packet);
            check(ret, "decode the " + what, true);
            check(avcodec_send_packet(ctx, null), "drain the decoder", true);
            int got = avcodec_receive_frame(ctx, decoded);
            if (got < 0) {
                throw new DecodeException("no picture decoded from the " + what + " (" + data.length + " bytes): " + describe(got));
            }
            if (decoded.width() <= 0 || decoded.height() <= 0) {
                throw new DecodeException("decoded picture has no size");
            }
            if ((long) decoded.width() * decoded.height() > MAX_PIXELS) {
                throw new DecodeException("decoded picture too large: " + decoded.width() + "x" + decoded.height());
            }
            ok = true;
        } finally {
            av_packet_unref(packet);
            if (ok) {
                avcodec_flush_buffers(ctx); // leave the drained decoder ready for the next picture
            } else {
                av_frame_unref(decoded);
                // After an error the context's state is unknown: start the next snapshot with a fresh one.
                AVCodecContext broken = decoders.remove(codecId);
                avcodec_free_context(broken);
            }
        }
    }

    private AVCodecContext decoder(int codecId, String codecName) {
        AVCodecContext ctx = decoders.get(codecId);
        if (ctx != null) {
            return ctx;
        }
        AVCodec dec = avcodec_find_decoder(codecId);
        if (dec == null || dec.isNull()) {
            throw new UnsupportedCodecException("this FFmpeg build has no " + codecName + " decoder");
        }
        ctx = avcodec_alloc_context3(dec);
        if (ctx == null) {
            throw new SnapshotException("FFmpeg allocation failed");
        }
        ctx.thread_count(1); // one picture at a time: frame threads would only add latency and memory
        int ret = avcodec_open2(ctx, dec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (ret < 0) {
            avcodec_free_context(ctx);
            throw new DecodeException("cannot open the " + codecName + " decoder: " + describe(ret));
        }
        decoders.put(codecId, ctx);
        return ctx;
    }

    /** The decoded frame as packed RGB at the output size, masked, checked by nobody yet. */
    private BufferedImage picture(int w, int h, DecodeRequest<?> request) {
        allocate(rgb, w, h, AV_PIX_FMT_0RGB32);
        swsRgb = converter(swsRgb, w, h, AV_PIX_FMT_0RGB32);
        check(sws_scale_frame(swsRgb, rgb, decoded), "convert the picture to RGB", true);
        // 0RGB in native byte order is Java's packed int 0x00RRGGBB: rows copy straight into the image's array.
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        int strideInts = rgb.linesize(0) / Integer.BYTES;
        IntPointer src = new IntPointer(rgb.data(0));
        for (int row = 0; row < h; row++) {
            src.position((long) row * strideInts).get(pixels, row * w, w);
        }
        MaskPainter.paintRgb(pixels, w, h, request.masks());
        return img;
    }

    private void allocate(AVFrame frame, int w, int h, int format) {
        if (frame.width() != w || frame.height() != h || frame.format() != format) {
            av_frame_unref(frame);
            frame.width(w);
            frame.height(h);
            frame.format(format);
            check(av_frame_get_buffer(frame, 0), "allocate the scaled picture", false);
        }
        // The JPEG encoder may still hold a reference to the last picture: never paint over it.
        check(av_frame_make_writable(frame), "allocate the scaled picture", false);
    }

    private SwsContext converter(SwsContext cached, int dstW, int dstH, int dstFormat) {
        int flags = dstW < decoded.width() ? SWS_AREA : SWS_BILINEAR;
        SwsContext c = sws_getCachedContext(cached, decoded.width(), decoded.height(), decoded.format(), dstW, dstH, dstFormat,
                flags, null, null, (DoublePointer) null);
        if (c == null || c.isNull()) {
            throw new DecodeException("cannot convert pixel format " + decoded.format());
        }
        return c;
    }

    private byte[] mjpeg(int w, int h, DecodeRequest<?> request) {
        allocate(scaled, w, h, AV_PIX_FMT_YUVJ420P);
        sws = converter(sws, w, h, AV_PIX_FMT_YUVJ420P);
        check(sws_scale_frame(sws, scaled, decoded), "scale the picture", true);
        MaskPainter.paintYuv420(scaled, request.masks());
        AVCodecContext enc = jpegEncoder(w, h);
        int qscale = qscale();
        scaled.quality(qscale * FF_QP2LAMBDA);
        scaled.pts(jpegPts++);
        check(avcodec_send_frame(enc, scaled), "encode the JPEG", true);
        int ret = avcodec_receive_packet(enc, packet);
        try {
            check(ret, "encode the JPEG", true);
            byte[] out = new byte[packet.size()];
            packet.data().get(out, 0, out.length);
            return out;
        } finally {
            av_packet_unref(packet);
        }
    }

    private AVCodecContext jpegEncoder(int w, int h) {
        if (jpegEncoder != null && jpegEncoder.width() == w && jpegEncoder.height() == h) {
            return jpegEncoder;
        }
        if (jpegEncoder != null) {
            avcodec_free_context(jpegEncoder);
            jpegEncoder = null;
        }
        AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
        if (codec == null || codec.isNull()) {
            throw new UnsupportedCodecException("this FFmpeg build has no mjpeg encoder");
        }
        AVCodecContext enc = avcodec_alloc_context3(codec);
        if (enc == null) {
            throw new SnapshotException("FFmpeg allocation failed");
        }
        enc.width(w);
        enc.height(h);
        enc.pix_fmt(AV_PIX_FMT_YUVJ420P);
        enc.color_range(AVCOL_RANGE_JPEG);
        try (AVRational timeBase = new AVRational().num(1).den(25)) {
            enc.time_base(timeBase); // copied by value; the Java-side struct is freed at once
        }
        enc.flags(enc.flags() | AV_CODEC_FLAG_QSCALE);
        enc.global_quality(qscale() * FF_QP2LAMBDA);
        enc.thread_count(1);
        int ret = avcodec_open2(enc, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null);
        if (ret < 0) {
            avcodec_free_context(enc);
            throw new DecodeException("cannot open the mjpeg encoder: " + describe(ret));
        }
        jpegEncoder = enc;
        return enc;
    }

    /** Maps quality 1..100 to the JPEG quantiser scale 31..2 (FFmpeg's -q:v). */
    private int qscale() {
        return Math.max(2, Math.min(31, (int) Math.round(31 - jpegQuality * 0.29)));
    }

    private byte[] imageIo(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(img.getWidth() * img.getHeight() / 4);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(jpegQuality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new DecodeException("JPEG encoding failed: " + e.getMessage());
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void check(int ret, String what, boolean decodeError) {
        if (ret < 0) {
            String msg = "cannot " + what + ": " + describe(ret);
            throw decodeError ? new DecodeException(msg) : new SnapshotException(msg);
        }
    }

    static String describe(int err) {
        byte[] buf = new byte[128];
        av_strerror(err, buf, buf.length);
        int len = 0;
        while (len < buf.length && buf[len] != 0) {
            len++;
        }
        return new String(buf, 0, len, StandardCharsets.US_ASCII) + " (" + err + ")";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AVCodecContext ctx : decoders.values()) {
            avcodec_free_context(ctx);
        }
        decoders.clear();
        if (jpegEncoder != null) {
            avcodec_free_context(jpegEncoder);
            jpegEncoder = null;
        }
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (swsRgb != null) {
            sws_freeContext(swsRgb);
            swsRgb = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (decoded != null) {
            av_frame_free(decoded);
            decoded = null;
        }
        if (scaled != null) {
            av_frame_free(scaled);
            scaled = null;
        }
        if (rgb != null) {
            av_frame_free(rgb);
            rgb = null;
        }
    }
}
