package org.carewatch.core.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Detects running as root, where PostgreSQL must be started in an unprivileged user namespace. */
final class RootUser {
    private RootUser() {
    }

    static boolean isRoot() {
        try {
            // /proc/self belongs to the effective user of this process.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return false;
        }
    }

    static String unshare() throws IOException {
        for (String dir : new String[] {"/usr/bin", "/bin", "/usr/sbin"}) {
            Path p = Path.of(dir, "unshare");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new IOException("PostgreSQL cannot run as root and 'unshare' (util-linux) is not installed: "
                + "run CareWatch as an unprivileged user or set store.mode: external");
    }
}
