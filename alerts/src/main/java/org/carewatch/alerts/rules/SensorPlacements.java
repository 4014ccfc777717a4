package org.carewatch.alerts.rules;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where each sensor is installed ({@code sensors.location}), held in memory; {@link #reload()} after sensors change. */
public final class SensorPlacements implements LongFunction<String> {
    private static final Logger log = LoggerFactory.getLogger(SensorPlacements.class);

    private final DataSource ds;
    private volatile Map<Long, String> byId = Map.of();

    public SensorPlacements(DataSource ds) {
        this.ds = ds;
    }

    public void reload() {
        Map<Long, String> m = new ConcurrentHashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, location FROM sensors WHERE location <> ''"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                m.put(rs.getLong(1), rs.getString(2));
            }
            byId = m;
        } catch (SQLException e) {
            log.warn("cannot read sensor placements (keeping the last known): {}", e.getMessage());
        }
    }

    @Override
    public String apply(long sensorId) {
        return byId.get(sensorId);
    }
}
