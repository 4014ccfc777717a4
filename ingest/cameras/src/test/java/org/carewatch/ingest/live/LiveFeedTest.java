package org.carewatch.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.Keyframe;
import org.carewatch.ingest.media.ParameterSets;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

    // SPS/PPS of a 320x240 High-profile stream from x264.
    private static final byte[] SPS = HexFormat.of().parseHex("67640014acd94141fb016a0c0c0d4a000003000200000300651e28532c");
    private static final byte[] PPS = HexFormat.of().parseHex("68ebecb22c");
    private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final LiveFeed feed = new LiveFeed(1, CLOCK);

    private static AccessUnit key(long ts) {
        return new AccessUnit(Codec.H264, ts, List.of(SPS, PPS, new byte[] {0x65, 1, 2}), true);
    }

    private static AccessUnit inter(long ts) {
        return new AccessUnit(Codec.H264, ts, List.of(new byte[] {0x41, 3, 4}), false);
    }

    static final class Viewer implements LiveViewer {
        final List<byte[]> got = new ArrayList<>();
        boolean writable = true;

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public void send(byte[] segment) {
            got.add(segment);
        }

        List<String> kinds() {
            return got.stream().map(b -> new String(b, 4, 4)).toList();
        }
    }

    @Test
    void allViewersShareOnePackagingAndAFragmentWaitsForTheNextFrame() {
        Viewer a = new Viewer();
        Viewer b = new Viewer();
        assertThat(feed.join(a, 4, Optional.empty())).isTrue();
        assertThat(feed.join(b, 4, Optional.empty())).isTrue();
        feed.accept(key(0));
        assertThat(a.got).isEmpty(); // its duration is known only with the next frame
        feed.accept(inter(3600));
        feed.accept(inter(7200));
        assertThat(a.kinds()).containsExactly("ftyp", "moof", "moof");
        for (int i = 0; i < a.got.size(); i++) {
            assertThat(b.got.get(i)).isSameAs(a.got.get(i));
        }
        assertThat(feed.mimeType()).contains("video/mp4; codecs=\"avc1.640014\"");
    }

    @Test
    void aViewerJoiningMidGopGetsTheGopSoFar() {
        feed.join(new Viewer(), 4, Optional.empty());
        feed.accept(key(0));
        feed.accept(inter(3600));
        feed.accept(inter(7200));
        feed.accept(inter(10800));
        Viewer late = new Viewer();
        feed.join(late, 4, Optional.empty());
        assertThat(late.kinds()).containsExactly("ftyp", "moof", "moof", "moof");
        feed.accept(inter(14400));
        assertThat(late.got).hasSize(5);
    }

    @Test
    void theFirstViewerStartsFromTheCachedKeyframeThenWaitsForTheNextKeyframe() {
        Keyframe cached = new Keyframe(key(900_000), ParameterSets.h264(SPS, PPS), NOW.minusMillis(300));
        Viewer v = new Viewer();
        feed.join(v, 4, Optional.of(cached));
        assertThat(v.kinds()).containsExactly("ftyp", "moof");
        feed.accept(inter(903_600)); // P-frames of a GOP whose start this feed did not see
        feed.accept(inter(907_200));
        assertThat(v.got).hasSize(2);
        feed.accept(key(910_800));
        feed.accept(inter(914_400));
        assertThat(v.kinds()).containsExactly("ftyp", "moof", "moof");
    }

    @Test
    void aStaleCachedKeyframeIsNotShown() {
        Keyframe cached = new Keyframe(key(0), ParameterSets.h264(SPS, PPS), NOW.minusSeconds(60));
        Viewer v = new Viewer();
        feed.join(v, 4, Optional.of(cached));
        assertThat(v.kinds()).containsExactly("ftyp");
    }

    @Test
    void aSlowViewerIsDroppedToTheNextKeyframeWhileOthersContinue() {
        Viewer fast = new Viewer();
        Viewer slow = new Viewer();
        feed.join(fast, 4, Optional.empty());
        feed.join(slow, 4, Optional.empty());
        feed.accept(key(0));
        feed.accept(inter(3600));
        slow.writable = false;
        feed.accept(inter(7200));
        slow.writable = true;
        feed.accept(inter(10800));
        feed.accept(inter(14400));
        assertThat(slow.got).hasSize(2); // init + keyframe; the rest of the GOP is skipped
        assertThat(fast.got).hasSize(5);
        assertThat(feed.droppedToKeyframe()).isEqualTo(1);
        feed.accept(key(18000));
        feed.accept(inter(21600));
        assertThat(slow.got).hasSize(3);
        assertThat(fast.got).hasSize(7);
    }

    @Test
    void theViewerLimitHoldsAndLeavingFreesAPlace() {
        Viewer a = new Viewer();
        assertThat(feed.join(a, 1, Optional.empty())).isTrue();
        assertThat(feed.join(new Viewer(), 1, Optional.empty())).isFalse();
        feed.leave(a);
        assertThat(feed.viewerCount()).isZero();
        assertThat(feed.join(new Viewer(), 1, Optional.empty())).isTrue();
    }

    @Test
    void h265IsNotRemuxed() {
        Viewer v = new Viewer();
        feed.join(v, 4, Optional.empty());
        feed.accept(new AccessUnit(Codec.H265, 0, List.of(new byte[] {0x26, 1, 1, 2}), true));
        feed.accept(new AccessUnit(Codec.H265, 3600, List.of(new byte[] {0x02, 1, 1, 2}), false));
        assertThat(v.got).isEmpty();
        assertThat(feed.mimeType()).isEmpty();
    }
}
