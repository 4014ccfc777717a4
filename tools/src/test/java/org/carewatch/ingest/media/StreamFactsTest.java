package org.carewatch.ingest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.tools.testing.TestClips;
import org.junit.jupiter.api.Test;

class StreamFactsTest {

    @Test
    void unknownUntilSeen() {
        StreamFactsSnapshot s = new StreamFacts(Codec.H264).snapshot();
        assertThat(s.width()).isZero();
        assertThat(s.fps()).isZero();
        assertThat(s.lastPacketTime()).isNull();
        assertThat(s.gopLength()).isZero();
    }

    @Test
    void factsFromAClipFedInRealTimeOrder() {
        TestClip clip = TestClips.shortClip(Codec.H264);
        StreamFacts facts = new StreamFacts(Codec.H264);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        long totalBytes = 0;
        for (int i = 0; i < clip.accessUnits().size(); i++) {
            AccessUnit au = clip.accessUnits().get(i);
            Instant at = t0.plusMillis(40L * i);
            facts.onPacket(au.byteSize(), at);
            facts.onAccessUnit(au, at);
            totalBytes += au.byteSize();
        }
        StreamFactsSnapshot s = facts.snapshot();
        assertThat(s.width()).isEqualTo(640);
        assertThat(s.height()).isEqualTo(360);
        assertThat(s.fps()).isCloseTo(25.0, within(0.01));
        assertThat(s.gopLength()).isEqualTo(25);
        assertThat(s.accessUnits()).isEqualTo(50);
        assertThat(s.keyframes()).isEqualTo(2);
        assertThat(s.bytes()).isEqualTo(totalBytes);
        assertThat(s.lastPacketTime()).isEqualTo(t0.plusMillis(40L * 49));
        assertThat(s.lastKeyframeTime()).isEqualTo(t0.plusMillis(40L * 25));
        // The first full second (frames 0..25) carries the bytes of frames 0..24 plus frame 25.
        long firstSecond = 0;
        for (int i = 0; i <= 25; i++) {
            firstSecond += clip.accessUnits().get(i).byteSize();
        }
        assertThat(s.bitrateBps()).isEqualTo(Math.round(firstSecond * 8.0));
    }

    @Test
    void fpsSurvivesTimestampWrap() {
        StreamFacts facts = new StreamFacts(Codec.H264);
        long ts = 0xFFFF_FFFFL - 3000 * 5;
        for (int i = 0; i < 20; i++) {
            facts.onAccessUnit(new AccessUnit(Codec.H264, ts & 0xFFFF_FFFFL, java.util.List.of(new byte[] {0x41, 1}), false),
                    Instant.now());
            ts += 3000;
        }
        assertThat(facts.snapshot().fps()).isCloseTo(30.0, within(0.01));
    }
}
