package org.carewatch.tools.bench.rtsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Resident memory, threads and open file descriptors of a process, read from Linux {@code /proc}; -1 where
 * the value cannot be read (another OS, or the process is gone).
 *
 * @param rssBytes     {@code VmRSS}
 * @param threads      {@code Threads}
 * @param openFiles    entries in {@code /proc/PID/fd}
 * @param maxOpenFiles the soft {@code Max open files} limit
 */
public record ProcessStatus(long rssBytes, int threads, int openFiles, long maxOpenFiles) {

    public static ProcessStatus self() {
        return of(ProcessHandle.current().pid());
    }

    public static ProcessStatus of(long pid) {
        Path dir = Path.of("/proc", Long.toString(pid));
        long rss = -1;
        int threads = -1;
        long maxFiles = -1;
        try {
            for (String line : Files.readAllLines(dir.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
                }
            }
            for (String line : Files.readAllLines(dir.resolve("limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    maxFiles = soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux or the process ended: leave -1.
        }
        int fds = -1;
        try (Stream<Path> s = Files.list(dir.resolve("fd"))) {
            fds = (int) s.count();
        } catch (IOException | RuntimeException e) {
            // idem
        }
        return new ProcessStatus(rss, threads, fds, maxFiles);
    }
}
