package org.carewatch.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.carewatch.core.cameras.MaskRect;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One decode, masks painted in: the picture is black exactly where the masks are and equal to the unmasked
 * decode everywhere else; the JPEG of the same request is black inside the masks and equal to the
 * unmasked JPEG away from them; the check sees the masked picture. For keyframes and for vendors' JPEGs,
 * with both JPEG encoders and when scaled.
 */
class SnapshotMaskingTest {
    /** 160..480 x 144..288 at 640x360 (edges on 16-pixel block boundaries). */
    static final MaskRect ALIGNED = new MaskRect(0.25, 0.4, 0.5, 0.4);
    /** Edges inside pixels: 462.976..590.976 x 36..90 at 640x360, so 462..591 once rounded outwards. */
    static final MaskRect UNALIGNED = new MaskRect(0.7234, 0.1, 0.2, 0.15);
    static final List<MaskRect> MASKS = List.of(ALIGNED, UNALIGNED);

    private static Keyframe keyframe() {
        TestClip clip = TestClips.shortClip(Codec.H264);
        return new Keyframe(clip.accessUnits().get(0), clip.parameterSets(), Instant.now());
    }

    @ParameterizedTest
    @EnumSource(JpegEncoding.class)
    void masksAreBlackExactlyWhereTheyAreInThePictureAndTheJpeg(JpegEncoding encoding) throws Exception {
        Keyframe kf = keyframe();
        try (SnapshotDecoder d = new SnapshotDecoder(new SnapshotDecoderConfig(1, 4, 85, encoding, true))) {
            DecodeRequest<Void> both = new DecodeRequest<>(OptionalInt.empty(), List.of(), true, true, null);
            DecodedPicture<Void> plain = d.decode(kf, both).get(30, TimeUnit.SECONDS);
            DecodedPicture<Long> masked = d.decode(kf, both.withMasks(MASKS).withCheck(SnapshotMaskingTest::blackPixels))
                    .get(30, TimeUnit.SECONDS);
            assertMaskedExactly(masked.picture(), plain.picture(), MASKS);
            assertThat(masked.checked()).as("the check sees the masked picture").isGreaterThanOrEqualTo(maskedArea(MASKS, 640, 360));
            assertJpegMasked(masked.jpeg(), plain.jpeg(), MASKS);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {320, 200})
    void masksScaleWithThePicture(int width) throws Exception {
        Keyframe kf = keyframe();
        try (SnapshotDecoder d = new SnapshotDecoder(new SnapshotDecoderConfig(1, 4, 85))) {
            DecodeRequest<Void> both = new DecodeRequest<>(OptionalInt.of(width), List.of(), true, true, null);
            DecodedPicture<Void> plain = d.decode(kf, both).get(30, TimeUnit.SECONDS);
            DecodedPicture<Void> masked = d.decode(kf, both.withMasks(MASKS)).get(30, TimeUnit.SECONDS);
            assertThat(masked.picture().getWidth()).isEqualTo(width);
            assertMaskedExactly(masked.picture(), plain.picture(), MASKS);
            assertJpegMasked(masked.jpeg(), plain.jpeg(), MASKS);
        }
    }

    @ParameterizedTest
    @EnumSource(JpegEncoding.class)
    void aVendorJpegIsMaskedTheSameWay(JpegEncoding encoding) throws Exception {
        BufferedImage scene = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 360; y++) {
            for (int x = 0; x < 640; x++) {
                scene.setRGB(x, y, (40 + x / 4) << 16 | (60 + y / 2) << 8 | 180);
            }
        }
        ByteArrayOutputStream vendor = new ByteArrayOutputStream();
        ImageIO.write(scene, "jpg", vendor);
        try (SnapshotDecoder d = new SnapshotDecoder(new SnapshotDecoderConfig(1, 4, 85, encoding, true))) {
            DecodeRequest<Void> both = new DecodeRequest<>(OptionalInt.empty(), List.of(), true, true, null);
            DecodedPicture<Void> plain = d.decodeJpeg(vendor.toByteArray(), both).get(30, TimeUnit.SECONDS);
            DecodedPicture<Void> masked = d.decodeJpeg(vendor.toByteArray(), both.withMasks(MASKS)).get(30, TimeUnit.SECONDS);
            assertMaskedExactly(masked.picture(), plain.picture(), MASKS);
            assertJpegMasked(masked.jpeg(), plain.jpeg(), MASKS);
        }
    }

    /** The pixels a mask covers, independently of the code under test: edges rounded outwards. */
    static int[] rect(MaskRect m, int w, int h) {
        return new int[] {(int) Math.floor(m.x() * w + 1e-9), (int) Math.floor(m.y() * h + 1e-9),
                Math.min(w, (int) Math.ceil((m.x() + m.w()) * w - 1e-9)), Math.min(h, (int) Math.ceil((m.y() + m.h()) * h - 1e-9))};
    }

    static boolean inside(List<MaskRect> masks, int x, int y, int w, int h, int margin) {
        for (MaskRect m : masks) {
            int[] r = rect(m, w, h);
            if (x >= r[0] - margin && x < r[2] + margin && y >= r[1] - margin && y < r[3] + margin) {
                return true;
            }
        }
        return false;
    }

    static long maskedArea(List<MaskRect> masks, int w, int h) {
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (inside(masks, x, y, w, h, 0)) {
                    n++;
                }
            }
        }
        return n;
    }

    static long blackPixels(BufferedImage img) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == 0) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Black (0,0,0) on every pixel a mask covers and on no other pixel that was not black before: every
     * pixel outside the masks equals the unmasked picture. The unmasked picture must show something under
     * the masks, or the check would prove nothing.
     */
    static void assertMaskedExactly(BufferedImage masked, BufferedImage plain, List<MaskRect> masks) {
        int w = plain.getWidth();
        int h = plain.getHeight();
        assertThat(masked.getWidth()).isEqualTo(w);
        assertThat(masked.getHeight()).isEqualTo(h);
        long hiddenContent = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int m = masked.getRGB(x, y) & 0xFFFFFF;
                int p = plain.getRGB(x, y) & 0xFFFFFF;
                if (inside(masks, x, y, w, h, 0)) {
                    assertThat(m).as("masked pixel (%d,%d)", x, y).isZero();
                    if (p != 0) {
                        hiddenContent++;
                    }
                } else {
                    assertThat(m).as("unmasked pixel (%d,%d)", x, y).isEqualTo(p);
                }
            }
        }
        assertThat(hiddenContent).as("the masks hide something").isGreaterThan(maskedArea(masks, w, h) / 2);
    }

    /**
     * The JPEG as a viewer decodes it: black inside the masks, apart from the pixels along a mask's edge
     * (JPEG is lossy: a decoder blends the chroma of neighbouring pixels, and a block straddling an edge
     * rings a little), and identical to the unmasked JPEG one block and more away from the masks.
     */
    static void assertJpegMasked(byte[] maskedJpeg, byte[] plainJpeg, List<MaskRect> masks) throws Exception {
        BufferedImage masked = ImageIO.read(new ByteArrayInputStream(maskedJpeg));
        BufferedImage plain = ImageIO.read(new ByteArrayInputStream(plainJpeg));
        int w = plain.getWidth();
        int h = plain.getHeight();
        assertThat(masked.getWidth()).isEqualTo(w);
        int worstInterior = 0;
        long sumInside = 0;
        long inside = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int m = masked.getRGB(x, y);
                int brightest = Math.max(m >> 16 & 0xff, Math.max(m >> 8 & 0xff, m & 0xff));
                if (inside(masks, x, y, w, h, 0)) {
                    sumInside += brightest;
                    inside++;
                    if (inside(masks, x, y, w, h, -EDGE)) {
                        worstInterior = Math.max(worstInterior, brightest);
                    }
                } else if (!inside(masks, x, y, w, h, 16)) {
                    assertThat(m).as("JPEG pixel (%d,%d) away from the masks", x, y).isEqualTo(plain.getRGB(x, y));
                }
            }
        }
        assertThat(worstInterior).as("brightest channel inside the masks, %d px from their edges", EDGE)
                .isLessThanOrEqualTo(MAX_JPEG_NOISE);
        assertThat((double) sumInside / inside).as("mean of the brightest channel inside the masks").isLessThan(2.0);
    }

    /** Pixels within one JPEG block of a mask's edge may carry some of the colour outside. */
    static final int EDGE = 8;
    static final int MAX_JPEG_NOISE = 8;
}
