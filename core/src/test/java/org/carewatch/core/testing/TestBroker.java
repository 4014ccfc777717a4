package org.carewatch.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.carewatch.core.embedded.EmbeddedBroker;
import org.carewatch.core.mqtt.BrokerAccess;

/**
 * The MQTT broker tests talk to: the one named by the system property {@code carewatch.test.mqtt.url}
 * (CI sets it to the machine's Mosquitto), else an embedded broker started once per test JVM. Like the
 * machine's Mosquitto it lets anyone connect ({@link BrokerAccess#OPEN}): nodes started against it are
 * configured with {@code mqtt.allowAnonymousBroker}. Nodes with their own (authenticating) embedded broker are
 * what the MQTT security tests use.
 */
public final class TestBroker {
    public static final String PROPERTY = "carewatch.test.mqtt.url";
    private static EmbeddedBroker embedded;

    private TestBroker() {
    }

    public static String url() {
        String url = System.getProperty(PROPERTY);
        return url != null && !url.isBlank() ? url : embedded().url();
    }

    public static synchronized EmbeddedBroker embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedBroker.start(Path.of("target", "test-mqtt").toAbsolutePath(), 0, true, Duration.ofSeconds(60),
                        BrokerAccess.OPEN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        }
        return embedded;
    }
}
