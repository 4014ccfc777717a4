package org.carewatch.alerts.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.carewatch.alerts.testing.Frames;
import org.junit.jupiter.api.Test;

class FrameQualityTest {

    @Test
    void aLitRoomIsFineAndTwoLiveSamplesAreNotFrozen() {
        FrameQualityResult r = FrameQuality.assess(Frames.room(2), Frames.room(1));
        assertThat(r.flags()).isEmpty();
        assertThat(r.frozenDifference()).isGreaterThan(FrameThresholds.DEFAULT.frozenDifference());
    }

    @Test
    void blackAndSignalLostScreens() {
        assertThat(FrameQuality.assess(Frames.solid(0, 0, 0), null).flags()).containsExactly(FrameFlag.BLACK);
        // A recorder's blue "no signal" screen.
        assertThat(FrameQuality.assess(Frames.solid(0, 0, 200), null).flags()).containsExactly(FrameFlag.BLACK);
    }

    @Test
    void theSamePictureAgainIsFrozen() {
        BufferedImage same = Frames.room(7);
        assertThat(FrameQuality.assess(same, same).flags()).containsExactly(FrameFlag.FROZEN);
    }

    @Test
    void coveredLens() {
        assertThat(FrameQuality.assess(Frames.covered(3), null).flags()).contains(FrameFlag.COVERED).doesNotContain(FrameFlag.BLURRED);
    }

    @Test
    void blurredPicture() {
        FrameQualityResult r = FrameQuality.assess(Frames.blurred(3), null);
        assertThat(r.flags()).contains(FrameFlag.BLURRED);
        assertThat(r.laplacianVariance()).isLessThan(FrameQuality.assess(Frames.room(3), null).laplacianVariance() / 10);
    }

    @Test
    void tooDarkTooBrightAndColourCast() {
        assertThat(FrameQuality.assess(Frames.tinted(1, 0.25, 0.25, 0.25), null).flags()).contains(FrameFlag.DARK);
        assertThat(FrameQuality.assess(Frames.tinted(1, 2.2, 2.2, 2.2), null).flags()).contains(FrameFlag.BRIGHT);
        assertThat(FrameQuality.assess(Frames.tinted(1, 1.3, 1.0, 0.5), null).flags()).contains(FrameFlag.COLOUR_CAST);
    }

    @Test
    void otherPixelLayoutsGiveTheSameAnswer() {
        BufferedImage rgb = Frames.room(5);
        BufferedImage bgr = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(rgb, 0, 0, null);
        FrameQualityResult a = FrameQuality.assess(rgb, null);
        FrameQualityResult b = FrameQuality.assess(bgr, null);
        assertThat(b.meanLuma()).isEqualTo(a.meanLuma());
        assertThat(b.laplacianVariance()).isEqualTo(a.laplacianVariance());
    }

    @Test
    void tinyFramesAreRejectedClearly() {
        assertThatThrownBy(() -> FrameQuality.assess(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
    }
}
