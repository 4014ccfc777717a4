package org.carewatch.app;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.DeviceAvailability;
import org.carewatch.alerts.engine.SensorReading;
import org.carewatch.core.readings.DeviceEvent;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.ReadingListener;
import org.carewatch.core.sensors.Sensor;
import org.carewatch.core.sensors.SensorRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands accepted readings and device availability to the alert engine, in the ingest stream. The rules
 * are chosen by the sensor's hardware profile; a sensor's profile is looked up once and remembered (a
 * sensor's profile is fixed at registration).
 */
final class SensorAlerts implements ReadingListener {
    private static final Logger log = LoggerFactory.getLogger(SensorAlerts.class);

    private final SensorRepository sensors;
    private final AlertEngine engine;
    private final Map<Long, String> profileOfSensor = new ConcurrentHashMap<>();

    SensorAlerts(SensorRepository sensors, AlertEngine engine) {
        this.sensors = sensors;
        this.engine = engine;
    }

    @Override
    public void readingsAccepted(List<Reading> readings) {
        for (Reading r : readings) {
            String profile = profileOf(r.sensorId());
            if (profile != null) {
                engine.onReading(new SensorReading(r.centreId(), r.sensorId(), profile, r.metric(), r.value(), r.time()));
            }
        }
    }

    @Override
    public void deviceEvent(DeviceEvent e) {
        engine.onAvailability(new DeviceAvailability(e.centreId(), e.sensorId(), e.online(), e.time()));
    }

    private String profileOf(long sensorId) {
        String p = profileOfSensor.get(sensorId);
        if (p != null) {
            return p;
        }
        try {
            p = sensors.find(sensorId).map(Sensor::profileId).orElse(null);
        } catch (SQLException e) {
            log.warn("sensor {}: profile unknown, readings not checked for alerts this time: {}", sensorId, e.getMessage());
            return null;
        }
        if (p != null) {
            profileOfSensor.put(sensorId, p);
        }
        return p;
    }
}
