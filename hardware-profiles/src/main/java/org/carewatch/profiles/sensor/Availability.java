package org.carewatch.profiles.sensor;

import java.util.List;

/**
 * The device's availability (last-will) topic and the payloads meaning online and offline. When
 * {@code path} is set and the payload is a JSON object, the value at the path is compared
 * (Zigbee2MQTT {"state":"online"}); otherwise the whole payload text is (Tasmota "Online").
 */
public record Availability(TopicPattern topic, PayloadPath path, List<String> online, List<String> offline) {

    public Availability {
        online = List.copyOf(online);
        offline = List.copyOf(offline);
    }
}
