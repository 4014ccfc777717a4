package org.carewatch.core.embedded;

import java.nio.file.Path;
import java.time.Duration;

/** Child-process main for tests: starts the embedded server on a folder, says so, and waits to be killed. */
public final class HoldEmbeddedPostgres {
    private HoldEmbeddedPostgres() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.start(Path.of(args[0]), 0, Duration.ofSeconds(60));
        System.out.println("ready " + pg.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
