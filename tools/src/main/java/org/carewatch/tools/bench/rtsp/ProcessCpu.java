package org.carewatch.tools.bench.rtsp;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * CPU time (user + system, all threads) of one process, so a benchmark can charge a window of work to the
 * process that did it: this JVM, or a child such as the camera simulator or the grabber baseline.
 */
public final class ProcessCpu {

    private final LongSupplier cpuNanos;

    private ProcessCpu(LongSupplier cpuNanos) {
        this.cpuNanos = cpuNanos;
    }

    /** This JVM, from {@code OperatingSystemMXBean.getProcessCpuTime()} (nanosecond resolution). */
    public static ProcessCpu self() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new ProcessCpu(os::getProcessCpuTime);
    }

    /** Another process by pid, from {@code ProcessHandle.info()} (the kernel's clock ticks, 10 ms). */
    public static ProcessCpu of(long pid) {
        return new ProcessCpu(() -> ProcessHandle.of(pid)
                .flatMap(h -> h.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + pid)));
    }

    public long cpuNanos() {
        return cpuNanos.getAsLong();
    }

    /** Starts a measuring window now. */
    public Window start() {
        return new Window(this, System.nanoTime(), cpuNanos());
    }

    /** An open window: {@link #stop()} gives the CPU used since {@link ProcessCpu#start()}. */
    public record Window(ProcessCpu cpu, long wallStart, long cpuStart) {
        public Usage stop() {
            return new Usage(System.nanoTime() - wallStart, cpu.cpuNanos() - cpuStart);
        }
    }

    /** CPU used over a wall-clock window. */
    public record Usage(long wallNanos, long cpuNanos) {
        /** Cores busy on average: 1.0 = one core fully used. */
        public double cores() {
            return wallNanos <= 0 ? 0 : (double) cpuNanos / wallNanos;
        }
    }
}
