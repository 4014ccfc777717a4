package org.carewatch.tools.bench.rtsp;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Heap allocation and garbage collection of this JVM over a window: bytes allocated by all threads
 * ({@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes()}), collections and their
 * accumulated time (all collectors, as the {@code GarbageCollectorMXBean}s count them).
 */
final class HeapChurn {

    private HeapChurn() {
    }

    static Window start() {
        return new Window(System.nanoTime(), allocatedBytes(), gcCount(), gcMillis());
    }

    record Window(long wallStart, long allocatedStart, long gcCountStart, long gcMillisStart) {
        Usage stop() {
            return new Usage(System.nanoTime() - wallStart, allocatedBytes() - allocatedStart,
                    gcCount() - gcCountStart, gcMillis() - gcMillisStart);
        }
    }

    record Usage(long wallNanos, long allocatedBytes, long gcCount, long gcMillis) {
        double bytesPerSecond() {
            return wallNanos <= 0 ? 0 : allocatedBytes * 1e9 / wallNanos;
        }
    }

    /** Bytes allocated so far by every thread, live or ended; -1 when the JVM cannot tell. */
    static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t.getTotalThreadAllocatedBytes();
        }
        return -1;
    }

    /** Bytes allocated so far by the calling thread. */
    static long currentThreadAllocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }
}
