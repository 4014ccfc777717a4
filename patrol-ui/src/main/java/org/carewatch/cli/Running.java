package org.carewatch.cli;

import java.util.concurrent.CountDownLatch;
import org.carewatch.app.CareWatchApp;

/** Keeps a started node running until SIGTERM/SIGINT, then shuts it down gracefully. */
final class Running {
    private Running() {
    }

    static int untilSignalled(CareWatchApp app) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("CareWatch: shutting down...");
            app.close();
            stopped.countDown();
        }, "carewatch-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
