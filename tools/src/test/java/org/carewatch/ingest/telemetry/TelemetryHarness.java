package org.carewatch.ingest.telemetry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.carewatch.core.config.ConfigLoader;
import org.carewatch.core.config.TelemetryConfig;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorInput;
import org.carewatch.core.readings.HourlyRollup;
import org.carewatch.core.sensors.SensorRepository;
import org.carewatch.core.store.Store;
import org.carewatch.core.testing.TestDatabase;
import org.carewatch.tools.simulator.sensors.SensorSimulator;
import org.carewatch.tools.simulator.sensors.SimulatedDevice;
import org.carewatch.profiles.catalog.ProfileCatalog;
import org.carewatch.profiles.sensor.SensorProfile;

/** A migrated test database with one centre, and helpers to run a pipeline and publish to it. */
final class TelemetryHarness implements AutoCloseable {
    final TestDatabase db;
    final Store store;
    final long centreId;
    final Function<String, Optional<SensorProfile>> profiles;
    final SensorRepository sensors;

    TelemetryHarness(Function<String, Optional<SensorProfile>> profiles) throws SQLException {
        this.db = TestDatabase.create();
        this.store = Store.open(ConfigLoader.defaults().store(), db.jdbcUrl(), db.user(), db.password(), null);
        this.profiles = profiles;
        this.sensors = new SensorRepository(store.dataSource(), profiles);
        try (Connection c = store.connection(); var st = c.createStatement()) {
            st.execute("INSERT INTO districts (code, name) VALUES ('D1', 'District')");
            try (ResultSet rs = st.executeQuery("INSERT INTO centres (district_id, code, name) SELECT id, 'C1', 'Centre' FROM districts RETURNING id")) {
                rs.next();
                this.centreId = rs.getLong(1);
            }
        }
    }

    TelemetryHarness() throws SQLException {
        this(ProfileCatalog.builtIn()::sensor);
    }

    static TelemetryConfig config() {
        return ConfigLoader.defaults().telemetry().withSilenceCheck(Duration.ofMillis(200));
    }

    /** Registers {@code n} sensors of a profile and returns simulated devices for them. */
    List<SimulatedDevice> devices(String profileId, String prefix, int n) throws SQLException {
        List<SimulatedDevice> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Sensor s = sensors.create(centreId, new SensorInput(prefix + i, profileId, prefix + i, null, null, null));
            out.add(new SimulatedDevice(profileId, s.deviceKey(), i));
        }
        return out;
    }

    /** Client ids used, whose persistent sessions are removed from the broker on close. */
    private final List<String[]> sessions = new ArrayList<>();

    /** A pipeline's broker connection with a client id unique to this run (sessions persist in the broker). */
    BrokerConnection connect(String url, String clientId, TelemetryConfig cfg) throws Exception {
        String id = clientId + "-" + UUID.randomUUID().toString().substring(0, 8);
        sessions.add(new String[] {url, id});
        return new BrokerConnection(url, id, "", "", true, cfg.receiveMaximum());
    }

    /** Registers a client id (e.g. of a child process) whose session must be removed on close. */
    void forgetOnClose(String url, String clientId) {
        sessions.add(new String[] {url, clientId});
    }

    private static void forgetSession(String url, String clientId) {
        try {
            var c = new org.eclipse.paho.mqttv5.client.MqttClient(url, clientId,
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            var o = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
            o.setCleanStart(true);
            o.setSessionExpiryInterval(0L);
            o.setConnectionTimeout(5);
            c.connect(o);
            c.disconnect();
            c.close();
        } catch (Exception ignored) {
            // the broker may be gone (restart test); its folder is temporary then
        }
    }

    TelemetryPipeline pipeline(BrokerConnection broker, TelemetryConfig cfg, Path spool) throws Exception {
        return pipeline(broker, cfg, spool, "");
    }

    /** A pipeline subscribing in the shared group {@code sharedGroup} ("" for plain subscriptions). */
    TelemetryPipeline pipeline(BrokerConnection broker, TelemetryConfig cfg, Path spool, String sharedGroup) throws Exception {
        return new TelemetryPipeline(cfg, sharedGroup, broker, store.dataSource(), HourlyRollup.of(store.features()), sensors, profiles, spool,
                null, Clock.systemUTC());
    }

    static SensorSimulator publisher(String url, List<SimulatedDevice> devices) throws Exception {
        return new SensorSimulator(url, "test-pub-" + UUID.randomUUID().toString().substring(0, 8), devices, 1, 1, Clock.systemUTC());
    }

    long count(String sql) throws SQLException {
        try (Connection c = store.connection(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long readings() throws SQLException {
        return count("SELECT count(*) FROM readings");
    }

    long distinctReadings() throws SQLException {
        return count("SELECT count(DISTINCT (sensor_id, metric, time)) FROM readings");
    }

    /** Rows per metric, for failure messages. */
    java.util.Map<String, Long> metricCounts() throws SQLException {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        try (Connection c = store.connection(); var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT metric, count(*) FROM readings GROUP BY metric")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    @Override
    public void close() {
        sessions.forEach(x -> {
            forgetSession(x[0], x[1]);
            forgetSession(x[0], x[1] + TelemetryPipeline.LIFE_SAFETY_SESSION_SUFFIX);
        });
        store.close();
        db.close();
    }
}
