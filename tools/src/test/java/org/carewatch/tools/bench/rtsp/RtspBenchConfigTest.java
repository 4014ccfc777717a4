package org.carewatch.tools.bench.rtsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtspBenchConfigTest {

    @Test
    void defaultsMatchTheIssue() {
        RtspBenchConfig d = RtspBenchConfig.parse(new String[0]);
        assertThat(d.streams()).containsExactly(100, 500, 1000);
        assertThat(d.snapshots()).isEqualTo(1000);
        assertThat(d.gops()).containsExactly(10, 25, 50, 100);
        assertThat(d.maxStreams()).isEqualTo(1000);
    }

    @Test
    void parsesOptions() {
        RtspBenchConfig c = RtspBenchConfig.parse(new String[] {"--streams", "10, 20", "--snapshots", "5",
                "--baseline-streams", "0", "--duration", "3", "--gops", "25", "--clip-cache", "/tmp/x"});
        assertThat(c.streams()).isEqualTo(List.of(10, 20));
        assertThat(c.snapshots()).isEqualTo(5);
        assertThat(c.baselineStreams()).isZero();
        assertThat(c.durationSeconds()).isEqualTo(3);
        assertThat(c.gops()).containsExactly(25);
        assertThat(c.clipCache()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void rejectsBadValuesWithAClearMessage() {
        assertThatThrownBy(() -> RtspBenchConfig.parse(new String[] {"--streams", "500,100"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
        assertThatThrownBy(() -> RtspBenchConfig.parse(new String[] {"--streams", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--streams");
        assertThatThrownBy(() -> RtspBenchConfig.parse(new String[] {"--gops", "1000"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--gops");
        assertThatThrownBy(() -> RtspBenchConfig.parse(new String[] {"--duration", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--duration");
        assertThatThrownBy(() -> RtspBenchConfig.parse(new String[] {"--snapshots"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
        assertThatThrownBy(() -> RtspBenchConfig.parse(new String[] {"--streams", "ten"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
