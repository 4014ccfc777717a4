package org.carewatch.app;

import java.nio.file.Path;
import java.util.Map;
import org.carewatch.core.config.CareWatchConfig;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.testing.TestBroker;
import org.carewatch.core.testing.TestDatabase;

/**
 * A CareWatch node on a fresh test database and the test broker, HTTP on a free port. Its cameras (simulators)
 * and webhook receivers run on loopback, so loopback is allowed for both ({@link #productionOutbound} puts the
 * production rules back, as the security tests do).
 */
public final class TestApp {
    private TestApp() {
    }

    public static CareWatchConfig config(TestDatabase db, Path dataDir, String mqttUrl) {
        CareWatchConfig cfg = ConfigLoader.load(null, Map.of()).withDataDir(dataDir);
        cfg = cfg.withStore(cfg.store().external(db.jdbcUrl(), db.user(), db.password()));
        // The test broker (the machine's Mosquitto in CI, else an open embedded one) lets anyone in, on purpose.
        cfg = cfg.withMqtt(cfg.mqtt().external(mqttUrl).withAllowAnonymousBroker(true));
        cfg = cfg.withOutbound(cfg.outbound().withCameras(cfg.outbound().cameras().withAllowLoopback(true))
                .withWebhooks(cfg.outbound().webhooks().withAllowLoopback(true)));
        // No automatic draws or sampling in tests unless a test asks (they would race with the test's own).
        cfg = cfg.withPatrol(cfg.patrol().withScheduleEnabled(false));
        return cfg.withHttp(cfg.http().withPort(0));
    }

    /** The configuration with the outbound policy of production (the defaults: no loopback anywhere). */
    public static CareWatchConfig productionOutbound(CareWatchConfig cfg) {
        return cfg.withOutbound(ConfigLoader.load(null, Map.of()).outbound());
    }

    public static CareWatchApp start(TestDatabase db, Path dataDir) throws Exception {
        return CareWatchApp.start(config(db, dataDir, TestBroker.url()), false);
    }
}
