package org.carewatch.app;

import java.nio.file.Path;
import java.util.Map;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestDatabase;

/** A CareWatch node on a fresh test database and the test broker, HTTP on a free port. */
public final class TestApp {
    private TestApp() {
    }

    public static CareWatchConfig config(TestDatabase db, Path dataDir, String mqttUrl) {
        CareWatchConfig cfg = ConfigLoader.load(null, Map.of()).withDataDir(dataDir);
        cfg = cfg.withStore(cfg.store().external(db.jdbcUrl(), db.user(), db.password()));
        cfg = cfg.withMqtt(cfg.mqtt().external(mqttUrl));
        return cfg.withHttp(cfg.http().withPort(0));
    }

    public static CareWatchApp start(TestDatabase db, Path dataDir) throws Exception {
        return CareWatchApp.start(config(db, dataDir, TestBroker.url()), false);
    }
}
