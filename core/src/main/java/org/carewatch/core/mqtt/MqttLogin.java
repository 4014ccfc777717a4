package org.carewatch.core.mqtt;

/** An MQTT username and its password in clear: shown once when issued, never stored. */
public record MqttLogin(String username, String password) {
    @Override
    public String toString() {
        return "MqttLogin[username=" + username + "]";
    }
}
