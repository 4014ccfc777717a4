package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.carewatch.tools.bench.rtsp.RtspBenchConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchRtspCommandTest {

    @Test
    void defaultsAreTheIssuesRun() {
        BenchRtspCommand cmd = new BenchRtspCommand();
        new CommandLine(cmd).parseArgs();
        RtspBenchConfig c = cmd.config();
        assertThat(c.streams()).containsExactly(100, 500, 1000);
        assertThat(c.snapshots()).isEqualTo(1000);
        assertThat(c.gops()).containsExactly(10, 25, 50, 100);
    }

    @Test
    void optionsReachTheConfig() {
        BenchRtspCommand cmd = new BenchRtspCommand();
        new CommandLine(cmd).parseArgs("--streams", "10,20", "--snapshots", "50", "--baseline-streams", "2",
                "--duration", "5", "--gops", "25,50", "--ffmpeg-runs", "0");
        RtspBenchConfig c = cmd.config();
        assertThat(c.streams()).containsExactly(10, 20);
        assertThat(c.snapshots()).isEqualTo(50);
        assertThat(c.baselineStreams()).isEqualTo(2);
        assertThat(c.durationSeconds()).isEqualTo(5);
        assertThat(c.gops()).containsExactly(25, 50);
        assertThat(c.ffmpegRuns()).isZero();
    }

    @Test
    void badValuesAreRejectedBeforeAnythingStarts() {
        BenchRtspCommand cmd = new BenchRtspCommand();
        new CommandLine(cmd).parseArgs("--streams", "1000,100");
        assertThatThrownBy(cmd::config).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");

        StringWriter err = new StringWriter();
        int code = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err))
                .execute("rtsp", "--snapshots", "many");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--snapshots");

        StringWriter err2 = new StringWriter();
        int code2 = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err2))
                .execute("rtsp", "--streams", "500,100");
        assertThat(code2).isEqualTo(2);
        assertThat(err2.toString()).contains("ascending").doesNotContain("Exception");
    }
}
