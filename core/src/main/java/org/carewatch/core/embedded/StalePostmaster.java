package org.carewatch.core.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server left running by a CareWatch process that was killed (kill -9) still holds the data folder;
 * it is stopped cleanly before a new one starts.
 */
final class StalePostmaster {
    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path pgdata) throws IOException {
        Path pidFile = pgdata.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(lines.getFirst().strip());
        Optional<ProcessHandle> handle = ProcessHandle.of(pid)
                .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (handle.isEmpty()) {
            return;
        }
        // A server whose parent still runs belongs to a live CareWatch (or another tool): never take it over.
        Optional<ProcessHandle> parent = handle.get().parent().filter(ProcessHandle::isAlive).filter(p -> p.pid() > 1);
        if (parent.isPresent() && parent.get().info().command().map(c -> !c.endsWith("/init") && !c.endsWith("/systemd")).orElse(true)) {
            throw new IOException("the data folder " + pgdata.getParent() + " is in use by a running process (pid "
                    + parent.get().pid() + "); stop it first or use another data folder");
        }
        log.warn("stopping PostgreSQL (pid {}) left running by an earlier CareWatch process", pid);
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).start().waitFor(5, TimeUnit.SECONDS);
            handle.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.get().destroyForcibly();
        }
    }
}
