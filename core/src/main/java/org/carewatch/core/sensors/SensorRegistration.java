package org.carewatch.core.sensors;

import org.carewatch.core.mqtt.MqttLogin;

/** A sensor just registered and the MQTT login of its device, whose password is shown this once. */
public record SensorRegistration(Sensor sensor, MqttLogin mqtt) {
}
