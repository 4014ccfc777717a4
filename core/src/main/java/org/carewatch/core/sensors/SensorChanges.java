package org.carewatch.core.sensors;

/** Told after a sensor is registered, e.g. so the telemetry router and the rule engine pick it up now, not at their next refresh. */
@FunctionalInterface
public interface SensorChanges {
    SensorChanges NONE = sensor -> {
    };

    void sensorRegistered(Sensor sensor);

    /** A new MQTT password was issued for the sensor: devices still logged in with the old one are to be disconnected. */
    default void mqttPasswordReplaced(Sensor sensor, String username) {
    }
}
