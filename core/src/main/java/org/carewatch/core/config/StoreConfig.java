package org.carewatch.core.config;

public record StoreConfig(
        Mode mode,
        String url,
        String user,
        String password,
        int poolSize,
        int connectionTimeoutSeconds,
        TimescaleUse timescale,
        int embeddedPort,
        RetentionConfig retention) {

    public enum Mode { EMBEDDED, EXTERNAL }

    public enum TimescaleUse { AUTO, OFF, REQUIRED }

    public StoreConfig {
        if (mode == Mode.EXTERNAL) {
            Checks.notBlank("store.url", url);
            if (!url.startsWith("jdbc:postgresql:")) {
                throw new ConfigException("store.url", "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got '" + url + "'");
            }
        }
        Checks.range("store.poolSize", poolSize, 1, 200);
        Checks.range("store.connectionTimeoutSeconds", connectionTimeoutSeconds, 1, 300);
        Checks.port("store.embeddedPort", embeddedPort);
        if (retention == null) {
            throw new ConfigException("store.retention", "must be present");
        }
    }

    /** Keeps the password out of logs and error messages. */
    @Override
    public String toString() {
        return "StoreConfig[mode=" + mode + ", url=" + url + ", user=" + user + ", poolSize=" + poolSize
                + ", timescale=" + timescale + "]";
    }

    public StoreConfig external(String jdbcUrl, String u, String p) {
        return new StoreConfig(Mode.EXTERNAL, jdbcUrl, u, p, poolSize, connectionTimeoutSeconds, timescale, embeddedPort, retention);
    }
}
