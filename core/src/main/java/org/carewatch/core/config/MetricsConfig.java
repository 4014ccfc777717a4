package org.carewatch.core.config;

/**
 * Who may read {@code /metrics}: on the main HTTP port ({@code port} 0) a client must send
 * {@code Authorization: Bearer TOKEN} when {@code token} is set, and must connect from loopback when it is
 * not; on a management port of its own ({@code port} > 0, listening on {@code host}, or {@code http.host}
 * when empty) the token is required only when set, the port being the boundary.
 */
public record MetricsConfig(int port, String host, String token) {
    public MetricsConfig {
        Checks.port("metrics.port", port);
        host = host == null ? "" : host.strip();
        token = token == null ? "" : token;
        if (!token.isEmpty() && (token.length() < 16 || token.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f))) {
            throw new ConfigException("metrics.token", "must be at least 16 printable ASCII characters without spaces (or empty)");
        }
    }

    public boolean separatePort() {
        return port > 0;
    }

    public boolean tokenRequired() {
        return !token.isEmpty();
    }

    public MetricsConfig withPort(int p) {
        return new MetricsConfig(p, host, token);
    }

    public MetricsConfig withToken(String t) {
        return new MetricsConfig(port, host, t);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "MetricsConfig[port=" + port + ", host=" + host + ", token=" + (token.isEmpty() ? "" : "***") + "]";
    }
}
