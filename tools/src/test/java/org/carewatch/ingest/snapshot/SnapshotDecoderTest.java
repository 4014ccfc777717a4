package org.carewatch.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SnapshotDecoderTest {

    private static Keyframe firstKeyframe(Codec codec) {
        TestClip clip = TestClips.shortClip(codec);
        return new Keyframe(clip.accessUnits().get(0), clip.parameterSets(), Instant.now());
    }

    private static BufferedImage image(byte[] jpeg) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(jpeg));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void everyEncodingAndContextModeGivesAReadableJpeg(Codec codec) throws Exception {
        Keyframe kf = firstKeyframe(codec);
        for (JpegEncoding encoding : JpegEncoding.values()) {
            for (boolean reuse : new boolean[] {true, false}) {
                try (SnapshotDecoder d = new SnapshotDecoder(new SnapshotDecoderConfig(2, 8, 80, encoding, reuse))) {
                    for (int round = 0; round < 3; round++) {
                        BufferedImage img = image(d.jpeg(kf, OptionalInt.of(200)).get(30, TimeUnit.SECONDS));
                        assertThat(img.getWidth()).as("%s reuse=%s", encoding, reuse).isEqualTo(200);
                        assertThat(img.getHeight()).isEqualTo(112); // 360*200/640 = 112.5, even
                    }
                }
            }
        }
    }

    @Test
    void decoderSwitchesBetweenCodecsOnOneWorker() throws Exception {
        try (SnapshotDecoder d = new SnapshotDecoder(new SnapshotDecoderConfig(1, 8, 80))) {
            for (int round = 0; round < 2; round++) {
                for (Codec codec : Codec.values()) {
                    BufferedImage img = image(d.jpeg(firstKeyframe(codec), OptionalInt.empty()).get(30, TimeUnit.SECONDS));
                    assertThat(img.getWidth()).isEqualTo(640);
                    assertThat(img.getHeight()).isEqualTo(360);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void randomBytesGiveADecodeErrorAndTheWorkerStaysUsable(Codec codec) throws Exception {
        Random random = new Random(42);
        try (SnapshotDecoder d = new SnapshotDecoder(new SnapshotDecoderConfig(1, 8, 80))) {
            for (int i = 0; i < 20; i++) {
                byte[] garbage = new byte[16 + random.nextInt(4000)];
                random.nextBytes(garbage);
                // A keyframe NAL header followed by noise, with and without parameter sets.
                if (codec == Codec.H264) {
                    garbage[0] = 0x65;
                } else {
                    garbage[0] = 0x26;
                    garbage[1] = 0x01;
                }
                AccessUnit au = new AccessUnit(codec, 0, List.of(garbage), true);
                Keyframe kf = new Keyframe(au, null, Instant.now());
                CompletableFuture<byte[]> f = d.jpeg(kf, OptionalInt.empty());
                assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(DecodeException.class)
                        .hasMessageContaining("keyframe");
            }
            BufferedImage img = image(d.jpeg(firstKeyframe(codec), OptionalInt.empty()).get(30, TimeUnit.SECONDS));
            assertThat(img.getWidth()).isEqualTo(640);
        }
    }

    @Test
    void keyframeWithoutParameterSetsFailsClearly() {
        TestClip clip = TestClips.shortClip(Codec.H264);
        AccessUnit withSets = clip.accessUnits().get(0);
        List<byte[]> slicesOnly = new ArrayList<>();
        for (byte[] nal : withSets.nalUnits()) {
            int type = nal[0] & 0x1F;
            if (type != 7 && type != 8) {
                slicesOnly.add(nal);
            }
        }
        Keyframe kf = new Keyframe(new AccessUnit(Codec.H264, 0, slicesOnly, true), null, Instant.now());
        try (SnapshotDecoder d = new SnapshotDecoder(new SnapshotDecoderConfig(1, 2, 80))) {
            assertThatThrownBy(() -> d.jpeg(kf, OptionalInt.empty()).get(30, TimeUnit.SECONDS))
                    .cause().isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void fullQueueRejectsAtOnceAndAcceptedRequestsStillComplete() throws Exception {
        Keyframe kf = firstKeyframe(Codec.H264);
        try (SnapshotDecoder d = new SnapshotDecoder(new SnapshotDecoderConfig(1, 2, 80))) {
            List<CompletableFuture<byte[]>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(d.jpeg(kf, OptionalInt.empty()));
            }
            long rejected = futures.stream().filter(f -> f.isCompletedExceptionally()).count();
            assertThat(rejected).isPositive();
            for (CompletableFuture<byte[]> f : futures) {
                if (f.isCompletedExceptionally()) {
                    assertThatThrownBy(f::join).cause().isInstanceOf(SnapshotRejectedException.class)
                            .hasMessageContaining("queue full");
                } else {
                    assertThat(image(f.get(30, TimeUnit.SECONDS)).getWidth()).isEqualTo(640);
                }
            }
        }
    }

    @Test
    void closedDecoderRejects() {
        SnapshotDecoder d = new SnapshotDecoder(new SnapshotDecoderConfig(1, 2, 80));
        d.close();
        assertThatThrownBy(() -> d.jpeg(firstKeyframe(Codec.H264), OptionalInt.empty()).join())
                .cause().isInstanceOf(SnapshotRejectedException.class).hasMessageContaining("closed");
    }
}
