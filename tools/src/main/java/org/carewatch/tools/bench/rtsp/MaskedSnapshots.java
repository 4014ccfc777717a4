package org.carewatch.tools.bench.rtsp;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.carewatch.core.cameras.MaskRect;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.snapshot.DecodeRequest;
import org.carewatch.ingest.snapshot.SnapshotDecoder;

/**
 * What a masked camera costs, on the held streams' cached keyframes: a snapshot of a camera with one mask
 * (a quarter of the picture) and the picture the frame-quality checks read, each the way the frame service
 * makes them now (one decode, masks painted into the decoded picture, one encode) beside the way it was
 * made before issue 11 (JPEG, then ImageIO decodes it, paints the masks, encodes again; the frame-quality
 * sampler decoded an unmasked JPEG back to a picture). The variants take turns on the same keyframe, so the host's load falls on all alike.
 * The access-log write of a real view is not included.
 */
final class MaskedSnapshots {
    static final List<MaskRect> QUARTER = List.of(new MaskRect(0, 0, 0.5, 0.5));

    private final SnapshotDecoder decoder;
    final Latencies masked = new Latencies();
    final Latencies maskedTwoPass = new Latencies();
    final Latencies picture = new Latencies();
    final Latencies pictureViaJpeg = new Latencies();

    MaskedSnapshots(SnapshotDecoder decoder) {
        this.decoder = decoder;
    }

    /** One request of each variant on {@code kf}, in an order that rotates with {@code round}. */
    void round(Keyframe kf, int round) throws Exception {
        for (int i = 0; i < 4; i++) {
            switch ((round + i) % 4) {
                case 0 -> time(masked, () -> check(decoder.decode(kf, DecodeRequest.ofJpeg(OptionalInt.empty()).withMasks(QUARTER))
                        .get(10, TimeUnit.SECONDS).jpeg()));
                case 1 -> time(maskedTwoPass, () -> check(twoPassMasks(decoder.jpeg(kf, OptionalInt.empty()).get(10, TimeUnit.SECONDS))));
                case 2 -> time(picture, () -> check(decoder.decode(kf, new DecodeRequest<Void>(OptionalInt.empty(), QUARTER, false, true, null))
                        .get(10, TimeUnit.SECONDS).picture()));
                // The sampler before issue 11 read the unmasked JPEG back (so its picture was not even masked).
                default -> time(pictureViaJpeg, () -> check(ImageIO.read(new ByteArrayInputStream(
                        decoder.jpeg(kf, OptionalInt.empty()).get(10, TimeUnit.SECONDS)))));
            }
        }
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("masked_snapshot", masked.summary());
        m.put("masked_snapshot_two_pass", maskedTwoPass.summary());
        m.put("picture", picture.summary());
        m.put("picture_via_jpeg", pictureViaJpeg.summary());
        return m;
    }

    /** The masking of the frame service before issue 11 (its PrivacyMasks), kept here as the baseline. */
    static byte[] twoPassMasks(byte[] jpeg) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.BLACK);
            int w = img.getWidth();
            int h = img.getHeight();
            for (MaskRect m : QUARTER) {
                int x0 = (int) Math.floor(m.x() * w);
                int y0 = (int) Math.floor(m.y() * h);
                g.fillRect(x0, y0, (int) Math.ceil((m.x() + m.w()) * w) - x0, (int) Math.ceil((m.y() + m.h()) * h) - y0);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void time(Latencies into, Work w) throws Exception {
        long t = System.nanoTime();
        w.run();
        into.add(System.nanoTime() - t);
    }

    private static void check(byte[] jpeg) {
        if (jpeg == null || jpeg.length < 100) {
            throw new IllegalStateException("empty JPEG");
        }
    }

    private static void check(BufferedImage img) {
        if (img == null || img.getWidth() < 16) {
            throw new IllegalStateException("no picture");
        }
    }
}
