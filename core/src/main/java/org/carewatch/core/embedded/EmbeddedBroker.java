package org.carewatch.core.embedded;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.carewatch.core.mqtt.BrokerAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT 5 broker (HiveMQ Community Edition) in this JVM, listening on loopback only, with file
 * persistence so queued QoS 1 messages and persistent sessions survive a restart. Who may connect and what
 * each connection may publish is a {@link BrokerAccess}, applied by an embedded extension at CONNECT.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** HiveMQ's default of 1000 queued messages per client silently drops the rest; we need far more. */
    static final long MAX_QUEUED_PER_CLIENT = 1_000_000;
    /**
     * QoS 1/2 messages HiveMQ sends a client before waiting for its acknowledgements (its built-in 50; the
     * client's Receive Maximum still applies). CareWatch acknowledges only once readings are committed, so a
     * window of 50 would cap ingest at 50 messages per database commit.
     */
    static final int INFLIGHT_WINDOW = 20_000;

    private final EmbeddedHiveMQ hivemq;
    private final int port;
    private final BrokerAccessExtension extension;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port, BrokerAccessExtension extension) {
        this.hivemq = hivemq;
        this.port = port;
        this.extension = extension;
    }

    /**
     * @param port           0 for a free port
     * @param fallbackToFree when {@code port} is taken, pick a free one instead of failing
     * @param access         who may connect and publish where ({@link BrokerAccess#OPEN} only for test brokers)
     */
    public static EmbeddedBroker start(Path folder, int port, boolean fallbackToFree, Duration timeout, BrokerAccess access)
            throws IOException {
        java.util.Objects.requireNonNull(access, "access");
        int chosen = choosePort(port, fallbackToFree);
        Path conf = Files.createDirectories(folder.resolve("conf"));
        Path data = Files.createDirectories(folder.resolve("data"));
        Path extensions = Files.createDirectories(folder.resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), config(chosen));
        // HiveMQ CE has no XML setting for this; its internal configuration is a static field read at start.
        com.hivemq.configuration.service.InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = INFLIGHT_WINDOW;
        var builder = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withoutLoggingBootstrap();
        BrokerAccessExtension extension = null;
        if (access != BrokerAccess.OPEN) {
            extension = new BrokerAccessExtension(access);
            builder.withEmbeddedExtension(EmbeddedExtension.builder().withId("carewatch-access").withName("CareWatch MQTT access")
                    .withVersion("1").withPriority(1000).withStartPriority(1000).withExtensionMain(extension).build());
        }
        EmbeddedHiveMQ hivemq = builder.build();
        try {
            hivemq.start().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            closeQuietly(hivemq);
            throw new IOException("embedded MQTT broker failed to start on port " + chosen + ": " + e.getMessage(), e);
        }
        log.info("embedded MQTT broker ready on 127.0.0.1:{} (data in {}){}", chosen, data,
                extension == null ? "; OPEN to anonymous clients (test broker)" : "");
        return new EmbeddedBroker(hivemq, chosen, extension);
    }

    /** Disconnects the devices logged in as {@code username} (after its password was replaced); the count. */
    public int disconnect(String username) {
        return extension == null ? 0 : extension.disconnect(username);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        closeQuietly(hivemq);
        log.info("embedded MQTT broker stopped");
    }

    private static void closeQuietly(EmbeddedHiveMQ h) {
        try {
            h.stop().get(30, TimeUnit.SECONDS);
            h.close();
        } catch (Exception e) {
            log.warn("embedded MQTT broker did not stop cleanly: {}", e.toString());
        }
    }

    private static int choosePort(int port, boolean fallbackToFree) throws IOException {
        if (port != 0 && isFree(port)) {
            return port;
        }
        if (port != 0 && !fallbackToFree) {
            throw new IOException("MQTT port " + port + " is already in use (another broker?); "
                    + "choose another with --mqtt-port or set mqtt.embeddedPort");
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            if (port != 0) {
                log.warn("MQTT port {} is in use; the embedded broker takes free port {}", port, s.getLocalPort());
            }
            return s.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String config(int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                    </mqtt>
                    <persistence>
                        <mode>file</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, MAX_QUEUED_PER_CLIENT);
    }
}
