package org.carewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.carewatch.ingest.rtsp.Credentials;
import org.carewatch.tools.simulator.cameras.CameraSimulator;
import org.carewatch.tools.simulator.cameras.SimulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carewatch snapshot} against the simulator: a JPEG, or one line naming the cause. */
class SnapshotCommandIT {
    static CameraSimulator sim;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        sim = CameraSimulator.start(SimulatorOptions.defaults(1).withClipCacheDir(Path.of("target", "test-clips"))
                .withCredentials(new Credentials("u", "p")));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }



    @Test
    void writesAJpeg() throws Exception {
        Path out = dir.resolve("snap.jpg");
        for (String transport : new String[] {"tcp", "udp"}) {
            CliRun r = CliRun.of("snapshot", "rtsp://u:p@127.0.0.1:" + sim.port() + "/cam/1", "--out", out.toString(), "--transport", transport);
            assertThat(r.exit()).as(r.err()).isZero();
            byte[] jpeg = Files.readAllBytes(out);
            assertThat(jpeg[0] & 0xff).isEqualTo(0xFF);
            assertThat(jpeg[1] & 0xff).isEqualTo(0xD8);
        }
    }

    @Test
    void failuresNameTheirCauseInOneLine() throws Exception {
        int closed;
        try (var s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String base = "rtsp://u:p@127.0.0.1:" + sim.port();
        String[][] cases = {
                {"rtsp://u:nope@127.0.0.1:" + sim.port() + "/cam/1", "auth failed"},
                {base + "/cam/7", "not found"},
                {"rtsp://127.0.0.1:" + closed + "/cam/1", "connection refused"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("snapshot", c[0], "--out", dir.resolve("x.jpg").toString(), "--timeout", "5");
            assertThat(r.exit()).isNotZero();
            assertThat(r.err().strip()).as(c[0]).contains(c[1]).doesNotContain("\n").doesNotContain("nope");
        }
        assertThat(Files.exists(dir.resolve("x.jpg"))).isFalse();
        CliRun bad = CliRun.of("snapshot", base + "/cam/1", "--out", dir.resolve("y.jpg").toString(), "--transport", "carrier-pigeon");
        assertThat(bad.exit()).isEqualTo(2);
    }
}
