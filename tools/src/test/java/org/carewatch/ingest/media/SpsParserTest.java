package org.carewatch.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpsParserTest {

    @ParameterizedTest
    @EnumSource(Codec.class)
    void generatedClipSps(Codec codec) {
        TestClip clip = TestClips.shortClip(codec);
        SpsInfo info = SpsParser.parse(codec, clip.parameterSets().sps()).orElseThrow();
        assertThat(info.width()).isEqualTo(640);
        assertThat(info.height()).isEqualTo(360);
        assertThat(info.profileIdc()).isPositive();
        assertThat(info.levelIdc()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void garbageAndWrongNalTypesGiveEmpty(Codec codec) {
        TestClip clip = TestClips.shortClip(codec);
        assertThat(SpsParser.parse(codec, clip.parameterSets().pps())).isEmpty();
        assertThat(SpsParser.parse(codec, new byte[0])).isEmpty();
        byte[] sps = clip.parameterSets().sps();
        assertThat(SpsParser.parse(codec, java.util.Arrays.copyOf(sps, 4))).isEmpty();
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            if (b.length > 1) {
                b[0] = sps[0];
                b[1] = codec == Codec.H265 ? sps[1] : b[1];
            }
            SpsParser.parse(codec, b).ifPresent(info -> {
                assertThat(info.width()).isBetween(1, 16384);
                assertThat(info.height()).isBetween(1, 16384);
            });
        }
    }
}
