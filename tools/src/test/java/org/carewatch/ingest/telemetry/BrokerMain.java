package org.carewatch.ingest.telemetry;

import java.nio.file.Path;
import java.time.Duration;
import org.carewatch.core.embedded.EmbeddedBroker;

/**
 * An embedded broker in its own JVM ({@code FOLDER PORT}), for the broker-restart test: HiveMQ keeps
 * process-wide static state, so a second instance must not share the test JVM with {@code TestBroker}.
 * Prints READY; stops cleanly on SIGTERM.
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), false, Duration.ofSeconds(60),
                    org.carewatch.core.mqtt.BrokerAccess.OPEN);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
