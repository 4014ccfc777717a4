package org.carewatch.tools.clip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.NalUnits;
import org.carewatch.ingest.media.SpsInfo;
import org.carewatch.ingest.media.SpsParser;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClipGeneratorTest {

    @ParameterizedTest
    @EnumSource(Codec.class)
    void clipHasRequestedShapeAndSelfContainedKeyframes(Codec codec) {
        TestClip clip = TestClips.shortClip(codec);
        ClipSpec spec = clip.spec();
        List<AccessUnit> aus = clip.accessUnits();

        assertThat(aus).hasSize(spec.frameCount());
        for (int i = 0; i < aus.size(); i++) {
            AccessUnit au = aus.get(i);
            assertThat(au.codec()).isEqualTo(codec);
            assertThat(au.rtpTimestamp()).as("pts of AU %d", i).isEqualTo(i * 3600L);
            assertThat(au.keyframe()).as("keyframe flag of AU %d", i).isEqualTo(i % spec.gop() == 0);
            if (au.keyframe()) {
                assertThat(au.nalUnits()).anyMatch(n -> NalUnits.isParameterSet(codec, n));
            }
        }
        assertThat(clip.duration90k()).isEqualTo(spec.frameCount() * 3600L);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void spsOfGeneratedClipGives640x360(Codec codec) {
        TestClip clip = TestClips.shortClip(codec);
        SpsInfo info = SpsParser.parse(codec, clip.parameterSets().sps()).orElseThrow();
        assertThat(info.width()).isEqualTo(640);
        assertThat(info.height()).isEqualTo(360);
        assertThat(info.codec()).isEqualTo(codec);
        assertThat(clip.parameterSets().vps() != null).isEqualTo(codec == Codec.H265);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void oddSizeFromSpsAndCacheRoundTrip(Codec codec, @TempDir Path dir) throws Exception {
        ClipSpec spec = new ClipSpec(codec, 320, 180, 10, 5, 1);
        TestClip clip = ClipGenerator.generate(spec, dir);
        Path file = ClipCacheFile.pathFor(dir, spec);
        assertThat(file).isRegularFile();
        SpsInfo info = SpsParser.parse(codec, clip.parameterSets().sps()).orElseThrow();
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(180);
        assertThat(clip.accessUnits()).hasSize(10);
        assertThat(clip.accessUnits().stream().filter(AccessUnit::keyframe)).hasSize(2);

        TestClip reread = ClipCacheFile.read(file, spec);
        assertThat(reread.parameterSets()).isEqualTo(clip.parameterSets());
        assertThat(reread.accessUnits()).hasSameSizeAs(clip.accessUnits());
        for (int i = 0; i < clip.accessUnits().size(); i++) {
            assertThat(reread.accessUnits().get(i).toAnnexB()).isEqualTo(clip.accessUnits().get(i).toAnnexB());
            assertThat(reread.accessUnits().get(i).rtpTimestamp()).isEqualTo(clip.accessUnits().get(i).rtpTimestamp());
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void damagedCacheFileIsRegenerated(Codec codec, @TempDir Path dir) throws Exception {
        ClipSpec spec = new ClipSpec(codec, 160, 96, 10, 10, 1);
        Path file = ClipCacheFile.pathFor(dir, spec);
        Files.write(file, new byte[] {1, 2, 3, 4, 5});
        TestClip clip = ClipGenerator.generate(spec, dir);
        assertThat(clip.accessUnits()).hasSize(10);
        assertThat(ClipCacheFile.read(file, spec).accessUnits()).hasSize(10);
    }
}
