package org.carewatch.core.config;

public record HttpConfig(String host, int port, boolean fallbackToFreePort, int shutdownGraceSeconds, int maxBodyBytes) {
    public HttpConfig {
        Checks.notBlank("http.host", host);
        Checks.port("http.port", port);
        Checks.range("http.shutdownGraceSeconds", shutdownGraceSeconds, 0, 300);
        Checks.range("http.maxBodyBytes", maxBodyBytes, 1024, 64L * 1024 * 1024);
    }

    public HttpConfig withPort(int p) {
        return new HttpConfig(host, p, fallbackToFreePort, shutdownGraceSeconds, maxBodyBytes);
    }

    public HttpConfig withHost(String h) {
        return new HttpConfig(h, port, fallbackToFreePort, shutdownGraceSeconds, maxBodyBytes);
    }

    public HttpConfig withFallbackToFreePort(boolean f) {
        return new HttpConfig(host, port, f, shutdownGraceSeconds, maxBodyBytes);
    }
}
