package org.carewatch.tools.clip;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.media.KeyframeCache;
import org.carewatch.ingest.media.StreamFacts;
import org.carewatch.ingest.media.StreamFactsSnapshot;
import org.carewatch.ingest.rtp.Depacketizer;
import org.carewatch.ingest.rtp.DepacketizerLimits;
import org.carewatch.ingest.rtp.Depacketizers;
import org.carewatch.ingest.rtp.Packetizer;
import org.carewatch.ingest.rtp.Packetizers;
import org.carewatch.ingest.rtp.RtpPacket;
import org.carewatch.ingest.snapshot.SnapshotDecoder;
import org.carewatch.ingest.snapshot.SnapshotDecoderConfig;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** clip → packetize → encode/parse bytes → depacketize → keyframe cache → FFmpeg decode → JPEG. */
class MediaRoundTripTest {

    @ParameterizedTest
    @EnumSource(Codec.class)
    void clipSurvivesRtpAndDecodesToTheRightPicture(Codec codec) throws Exception {
        TestClip clip = TestClips.shortClip(codec);
        Packetizer packetizer = Packetizers.forCodec(codec, 96, 0x1234_5678L, 1400, 65_500, true);
        List<AccessUnit> received = new ArrayList<>();
        // The SDP's parameter sets are given, as an RTSP client would after DESCRIBE.
        Depacketizer depacketizer = Depacketizers.forCodec(codec, clip.parameterSets(), DepacketizerLimits.DEFAULT,
                received::add);
        KeyframeCache cache = new KeyframeCache(codec, clip.parameterSets());
        StreamFacts facts = new StreamFacts(codec);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        long base = 4_000_000_000L; // RTP timestamps wrap during the clip
        int i = 0;
        for (AccessUnit au : clip.accessUnits()) {
            Instant arrival = t0.plusMillis(40L * i++);
            for (RtpPacket p : packetizer.packetize(au, base + au.rtpTimestamp())) {
                byte[] wire = p.encode();
                assertThat(wire.length).isLessThanOrEqualTo(1400);
                RtpPacket parsed = RtpPacket.parse(wire);
                facts.onPacket(parsed.payload().length, arrival);
                int before = received.size();
                depacketizer.accept(parsed);
                for (AccessUnit out : received.subList(before, received.size())) {
                    cache.offer(out, arrival);
                    facts.onAccessUnit(out, arrival);
                }
            }
        }

        assertThat(depacketizer.stats().sequenceGaps()).isZero();
        assertThat(depacketizer.stats().droppedAccessUnits()).isZero();
        assertThat(received).hasSameSizeAs(clip.accessUnits());
        for (int k = 0; k < received.size(); k++) {
            assertThat(received.get(k).toAnnexB()).isEqualTo(clip.accessUnits().get(k).toAnnexB());
            assertThat(received.get(k).rtpTimestamp()).isEqualTo((base + clip.accessUnits().get(k).rtpTimestamp()) & 0xFFFF_FFFFL);
        }

        StreamFactsSnapshot s = facts.snapshot();
        assertThat(s.width()).isEqualTo(640);
        assertThat(s.height()).isEqualTo(360);
        assertThat(s.fps()).isCloseTo(25.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(s.gopLength()).isEqualTo(25);
        assertThat(s.keyframes()).isEqualTo(2);
        assertThat(s.bitrateBps()).isPositive();
        assertThat(s.lastPacketTime()).isEqualTo(t0.plusMillis(40L * 49));

        Keyframe kf = cache.latest().orElseThrow();
        int keyIndex = 25; // the last keyframe of a 2 s, GOP 25 clip
        assertThat(kf.accessUnit().toAnnexB()).isEqualTo(clip.accessUnits().get(keyIndex).toAnnexB());

        try (SnapshotDecoder decoder = new SnapshotDecoder(new SnapshotDecoderConfig(1, 4, 90))) {
            byte[] jpeg = decoder.jpeg(kf, OptionalInt.empty()).get(30, TimeUnit.SECONDS);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            assertThat(img.getWidth()).isEqualTo(640);
            assertThat(img.getHeight()).isEqualTo(360);
            // The picture is frame 25 of the scene, not another one.
            double toKey = meanLumaDifference(img, keyIndex);
            double toOther = meanLumaDifference(img, keyIndex + 12);
            assertThat(toKey).isLessThan(6.0);
            assertThat(toOther).isGreaterThan(toKey * 2);

            byte[] small = decoder.jpeg(kf, OptionalInt.of(320)).get(30, TimeUnit.SECONDS);
            BufferedImage smallImg = ImageIO.read(new ByteArrayInputStream(small));
            assertThat(smallImg.getWidth()).isEqualTo(320);
            assertThat(smallImg.getHeight()).isEqualTo(180);
        }
    }

    /** Mean absolute difference between the JPEG's luma and the scene's frame {@code n}. */
    private static double meanLumaDifference(BufferedImage img, int n) {
        SceneRenderer scene = new SceneRenderer(640, 360, 25);
        scene.render(n);
        long sum = 0;
        for (int y = 0; y < 360; y++) {
            for (int x = 0; x < 640; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                // BT.601 limited-range luma, as the encoder's input.
                double luma = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0;
                sum += Math.abs(Math.round(luma) - (scene.y[y * 640 + x] & 0xFF));
            }
        }
        return (double) sum / (640 * 360);
    }
}
