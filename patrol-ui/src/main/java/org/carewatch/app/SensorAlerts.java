package org.carewatch.app;

import java.util.List;
import org.carewatch.alerts.engine.AlertEngine;
import org.carewatch.alerts.engine.DeviceAvailability;
import org.carewatch.alerts.engine.SensorReading;
import org.carewatch.core.readings.DeviceEvent;
import org.carewatch.core.readings.Reading;
import org.carewatch.core.readings.ReadingListener;

/**
 * Hands accepted readings and device availability to the alert engine, in the ingest stream (on the
 * telemetry writer thread, before the messages are acknowledged). The rules are chosen by the sensor's
 * hardware profile, which each reading carries from the telemetry router: nothing is looked up here.
 */
final class SensorAlerts implements ReadingListener {
    private final AlertEngine engine;

    SensorAlerts(AlertEngine engine) {
        this.engine = engine;
    }

    @Override
    public void readingsAccepted(List<Reading> readings) {
        for (Reading r : readings) {
            engine.onReading(new SensorReading(r.centreId(), r.sensorId(), r.profileId(), r.metric(), r.value(), r.time()));
        }
    }

    @Override
    public void deviceEvent(DeviceEvent e) {
        engine.onAvailability(new DeviceAvailability(e.centreId(), e.sensorId(), e.online(), e.time()));
    }
}
