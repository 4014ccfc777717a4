package org.carewatch.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Test;

class KeyframeCacheTest {

    private static final byte[] SPS = {0x67, 0x42, 0x00, 0x1E};
    private static final byte[] PPS = {0x68, (byte) 0xCE, 0x3C, (byte) 0x80};
    private static final byte[] AUD = {0x09, (byte) 0xF0};
    private static final byte[] IDR = {0x65, (byte) 0x88, 0x01, 0x02};
    private static final byte[] P = {0x41, (byte) 0x9A, 0x01};

    @Test
    void keepsOnlyKeyframesAndPrependsParameterSetsAfterTheDelimiter() {
        KeyframeCache cache = new KeyframeCache(Codec.H264, ParameterSets.h264(SPS, PPS));
        assertThat(cache.latest()).isEmpty();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        cache.offer(new AccessUnit(Codec.H264, 1, List.of(P), false), t);
        assertThat(cache.latest()).isEmpty();
        cache.offer(new AccessUnit(Codec.H264, 2, List.of(AUD, IDR), true), t.plusSeconds(1));
        Keyframe kf = cache.latest().orElseThrow();
        assertThat(kf.accessUnit().nalUnits()).containsExactly(AUD, SPS, PPS, IDR);
        assertThat(kf.arrival()).isEqualTo(t.plusSeconds(1));
        assertThat(kf.toAnnexB()).startsWith(0, 0, 0, 1, 0x09);
        cache.offer(new AccessUnit(Codec.H264, 3, List.of(P), false), t.plusSeconds(2));
        assertThat(cache.latest().orElseThrow().accessUnit().rtpTimestamp()).isEqualTo(2);
    }

    @Test
    void learnsInBandParameterSetsFromAnyAccessUnit() {
        KeyframeCache cache = new KeyframeCache(Codec.H264, null);
        byte[] sps2 = {0x67, 0x64, 0x00, 0x28};
        cache.offer(new AccessUnit(Codec.H264, 1, List.of(sps2, PPS, P), false), Instant.now());
        cache.offer(new AccessUnit(Codec.H264, 2, List.of(IDR), true), Instant.now());
        assertThat(cache.latest().orElseThrow().accessUnit().nalUnits()).containsExactly(sps2, PPS, IDR);
        assertThat(cache.parameterSets()).contains(ParameterSets.h264(sps2, PPS));
    }

    @Test
    void nextKeyframeCompletesOnTheNextKeyframeOnly() {
        KeyframeCache cache = new KeyframeCache(Codec.H264, ParameterSets.h264(SPS, PPS));
        cache.offer(new AccessUnit(Codec.H264, 1, List.of(IDR), true), Instant.now());
        CompletableFuture<Keyframe> next = cache.nextKeyframe();
        assertThat(next).isNotDone();
        cache.offer(new AccessUnit(Codec.H264, 2, List.of(P), false), Instant.now());
        assertThat(next).isNotDone();
        cache.offer(new AccessUnit(Codec.H264, 3, List.of(IDR), true), Instant.now());
        assertThat(next).isCompleted();
        assertThat(next.join().accessUnit().rtpTimestamp()).isEqualTo(3);
    }

    @Test
    void rejectsAnotherCodec() {
        KeyframeCache cache = new KeyframeCache(Codec.H265, null);
        assertThatThrownBy(() -> cache.offer(new AccessUnit(Codec.H264, 1, List.of(IDR), true), Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clipKeyframesAreCachedAsIs() {
        TestClip clip = TestClips.shortClip(Codec.H265);
        KeyframeCache cache = new KeyframeCache(Codec.H265, null);
        for (AccessUnit au : clip.accessUnits()) {
            cache.offer(au, Instant.now());
        }
        assertThat(cache.latest().orElseThrow().accessUnit().toAnnexB()).isEqualTo(clip.accessUnits().get(25).toAnnexB());
        assertThat(cache.parameterSets()).contains(clip.parameterSets());
    }
}
