package org.carewatch.core.sensors;

import java.util.List;
import java.util.Optional;
import org.carewatch.core.readings.DeviceEvent;
import org.carewatch.core.readings.ReadingQueries;

/** A sensor's newest value per metric and its last online/offline event (empty when it never had one). */
public record SensorLatest(Sensor sensor, List<ReadingQueries.LatestValue> values, Optional<DeviceEvent> lastDeviceEvent) {
}
