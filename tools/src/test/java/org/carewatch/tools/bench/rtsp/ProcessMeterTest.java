package org.carewatch.tools.bench.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CPU meter and /proc readings against this JVM (Linux, where the benchmark runs). */
class ProcessMeterTest {

    @Test
    void busyThreadShowsAsCpuOfThisProcess() {
        ProcessCpu.Window w = ProcessCpu.self().start();
        long x = 0;
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        ProcessCpu.Usage u = w.stop();
        assertThat(x).isNotNegative();
        // One thread spinning: close to one core (other JVM threads may add a little; a loaded host may take some).
        assertThat(u.cores()).isBetween(0.3, 2.5);
        assertThat(u.wallNanos()).isGreaterThanOrEqualTo(300_000_000L);
    }

    @Test
    void otherProcessByPidMatchesOwnMeterRoughly() {
        long pid = ProcessHandle.current().pid();
        long viaHandle = ProcessCpu.of(pid).cpuNanos();
        long viaBean = ProcessCpu.self().cpuNanos();
        assertThat(viaHandle).isPositive();
        assertThat(Math.abs(viaBean - viaHandle)).isLessThan(1_000_000_000L);
    }

    @Test
    void statusOfThisProcess() {
        ProcessStatus s = ProcessStatus.self();
        assertThat(s.rssBytes()).isGreaterThan(10L << 20);
        assertThat(s.threads()).isGreaterThan(1);
        assertThat(s.openFiles()).isPositive();
        assertThat(s.maxOpenFiles()).isGreaterThanOrEqualTo(s.openFiles());
    }

    @Test
    void goneProcessGivesMinusOneNotAnException() {
        ProcessStatus s = ProcessStatus.of(Long.MAX_VALUE);
        assertThat(s.rssBytes()).isEqualTo(-1);
        assertThat(s.openFiles()).isEqualTo(-1);
    }
}
