package org.carewatch.ingest.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.OptionalInt;
import org.bytedeco.javacpp.Pointer;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Test;

class FfmpegSnapshotSessionTest {

    @Test
    void closeIsIdempotentAndAClosedSessionRefuses() {
        TestClip clip = TestClips.shortClip(Codec.H264);
        Keyframe kf = new Keyframe(clip.accessUnits().get(0), clip.parameterSets(), Instant.now());
        FfmpegSnapshotSession s = new FfmpegSnapshotSession(80, JpegEncoding.FFMPEG_MJPEG);
        assertThat(s.jpeg(kf, OptionalInt.empty())).isNotEmpty();
        s.close();
        s.close();
        assertThatThrownBy(() -> s.jpeg(kf, OptionalInt.empty())).isInstanceOf(SnapshotRejectedException.class);
    }

    @Test
    void manySessionsOpenedAndClosedDoNotGrowResidentMemory() {
        TestClip clip = TestClips.shortClip(Codec.H265);
        Keyframe kf = new Keyframe(clip.accessUnits().get(0), clip.parameterSets(), Instant.now());
        Runnable once = () -> {
            try (FfmpegSnapshotSession s = new FfmpegSnapshotSession(80, JpegEncoding.FFMPEG_MJPEG)) {
                s.jpeg(kf, OptionalInt.of(320));
                s.jpeg(kf, OptionalInt.empty());
            }
        };
        for (int i = 0; i < 50; i++) {
            once.run(); // warm up allocators and code paths
        }
        long before = Pointer.physicalBytes();
        for (int i = 0; i < 400; i++) {
            once.run();
        }
        long grown = Pointer.physicalBytes() - before;
        // A leaked decoder context plus frames is well over 1 MB for 640x360: 400 leaks would be > 400 MB.
        assertThat(grown).isLessThan(64L * 1024 * 1024);
    }
}
