package org.carewatch.alerts.rules;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each sensor is installed (its {@code location}, read through core's {@link SensorRepository}),
 * held in memory so the rules never query per reading; {@link #reload()} after sensors change.
 */
public final class SensorPlacements implements LongFunction<String> {
    private static final Logger log = LoggerFactory.getLogger(SensorPlacements.class);

    private final SensorRepository sensors;
    private volatile Map<Long, String> byId = Map.of();

    public SensorPlacements(SensorRepository sensors) {
        this.sensors = sensors;
    }

    public void reload() {
        Map<Long, String> m = new ConcurrentHashMap<>();
        try {
            for (Sensor s : sensors.listAll()) {
                if (s.location() != null && !s.location().isEmpty()) {
                    m.put(s.id(), s.location());
                }
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
