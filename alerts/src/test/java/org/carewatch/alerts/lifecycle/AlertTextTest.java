package org.carewatch.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.carewatch.alerts.camera.FrameFlag;
import org.junit.jupiter.api.Test;

class AlertTextTest {
    @Test
    void titlesInBothLanguagesWithAGenericFallback() {
        assertThat(AlertText.title("smoke", Locale.ENGLISH)).isEqualTo("Smoke detected");
        assertThat(AlertText.title("smoke", AlertText.ZH)).isEqualTo("检测到烟雾");
        assertThat(AlertText.title("suspected-abuse", AlertText.ZH)).isEqualTo("疑似虐童");
        assertThat(AlertText.title("fridge-warm", "temperature", Locale.ENGLISH)).isEqualTo("Rule fridge-warm on temperature");
        assertThat(AlertText.word("state.answered", AlertText.ZH)).isEqualTo("已反馈");
    }

    @Test
    void everyFrameFlagHasATitleInBothLanguages() {
        for (FrameFlag f : FrameFlag.values()) {
            assertThat(AlertText.title(f.kind(), Locale.ENGLISH)).doesNotStartWith("Rule ");
            assertThat(AlertText.title(f.kind(), AlertText.ZH)).doesNotContain("触发规则");
        }
    }
}
