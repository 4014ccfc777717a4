package org.carewatch.core.sensors;

/**
 * What a caller sends to register a sensor: the profile and either the device key (e.g. a Zigbee2MQTT
 * friendly name) or one of the device's topics, from which the profile extracts the key.
 */
public record SensorInput(String name, String profileId, String deviceKey, String topic, String location, Boolean active) {
}
