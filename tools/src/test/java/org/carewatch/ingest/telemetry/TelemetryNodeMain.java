package org.carewatch.ingest.telemetry;

import java.nio.file.Path;
import java.time.Clock;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.config.TelemetryConfig;
import org.carewatch.core.readings.HourlyRollup;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.store.Store;
import org.carewatch.profiles.catalog.ProfileCatalog;

/**
 * A CareWatch telemetry node in its own JVM, for the kill -9 test:
 * {@code BROKER_URL JDBC_URL USER PASSWORD SPOOL_DIR CLIENT_ID}. Prints READY once subscribed.
 */
public final class TelemetryNodeMain {
    private TelemetryNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        TelemetryConfig cfg = ConfigLoader.defaults().telemetry();
        Store store = Store.open(ConfigLoader.defaults().store(), args[1], args[2], args[3].isEmpty() ? null : args[3], null);
        BrokerConnection broker = new BrokerConnection(args[0], args[5], "", "", true, cfg.receiveMaximum());
        TelemetryPipeline pipeline = new TelemetryPipeline(cfg, "", broker, store.dataSource(), HourlyRollup.of(store.features()),
                new SensorRepository(store.dataSource(), ProfileCatalog.builtIn()::sensor), ProfileCatalog.builtIn()::sensor,
                Path.of(args[4]), null, Clock.systemUTC());
        pipeline.start();
        broker.connect();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(broker::connected);
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
