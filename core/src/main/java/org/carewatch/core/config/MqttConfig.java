package org.carewatch.core.config;

public record MqttConfig(
        Mode mode,
        String url,
        int embeddedPort,
        boolean fallbackToFreePort,
        String username,
        String password,
        String clientIdPrefix,
        String sharedGroup,
        boolean allowAnonymousBroker) {

    public enum Mode { EMBEDDED, EXTERNAL }

    public MqttConfig {
        Checks.notBlank("mqtt.url", url);
        if (!url.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new ConfigException("mqtt.url", "must look like tcp://host:port or ssl://host:port, got '" + url + "'");
        }
        Checks.port("mqtt.embeddedPort", embeddedPort);
        Checks.notBlank("mqtt.clientIdPrefix", clientIdPrefix);
        if (sharedGroup != null && !sharedGroup.isEmpty() && !sharedGroup.matches("[A-Za-z0-9_-]+")) {
            throw new ConfigException("mqtt.sharedGroup", "must be letters, digits, '_' or '-', got '" + sharedGroup + "'");
        }
    }

    @Override
    public String toString() {
        return "MqttConfig[mode=" + mode + ", url=" + url + ", embeddedPort=" + embeddedPort + ", username=" + username
                + ", allowAnonymousBroker=" + allowAnonymousBroker + "]";
    }

    public MqttConfig withEmbeddedPort(int port, boolean fallback) {
        return new MqttConfig(mode, url, port, fallback, username, password, clientIdPrefix, sharedGroup, allowAnonymousBroker);
    }

    public MqttConfig withUrl(String u) {
        return new MqttConfig(mode, u, embeddedPort, fallbackToFreePort, username, password, clientIdPrefix, sharedGroup, allowAnonymousBroker);
    }

    /** With CareWatch's own login (username and password) at the broker. */
    public MqttConfig withLogin(String user, String pass) {
        return new MqttConfig(mode, url, embeddedPort, fallbackToFreePort, user, pass, clientIdPrefix, sharedGroup, allowAnonymousBroker);
    }

    public MqttConfig withAllowAnonymousBroker(boolean allow) {
        return new MqttConfig(mode, url, embeddedPort, fallbackToFreePort, username, password, clientIdPrefix, sharedGroup, allow);
    }

    public MqttConfig external(String u) {
        return new MqttConfig(Mode.EXTERNAL, u, embeddedPort, fallbackToFreePort, username, password, clientIdPrefix, sharedGroup, allowAnonymousBroker);
    }
}
