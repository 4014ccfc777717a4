package org.carewatch.core.config;

import java.time.Duration;

/**
 * The browser console's sessions: idle and absolute timeouts and the cookie's Secure attribute; and live
 * video: at most {@code liveMaxViewersPerCamera} viewers of one camera at once (on a node).
 */
public record ConsoleConfig(Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout, SecureCookie secureCookie,
                            int liveMaxViewersPerCamera) {
    public enum SecureCookie {
        /** Secure when the request came over TLS (directly or as a proxy's X-Forwarded-Proto says). */
        AUTO,
        /** Always Secure (behind a TLS proxy that does not say so). */
        ALWAYS
    }

    public ConsoleConfig {
        Checks.positive("console.sessionIdleTimeout", sessionIdleTimeout);
        Checks.positive("console.sessionAbsoluteTimeout", sessionAbsoluteTimeout);
        if (sessionIdleTimeout.compareTo(sessionAbsoluteTimeout) > 0) {
            throw new ConfigException("console.sessionIdleTimeout", "must not be longer than console.sessionAbsoluteTimeout");
        }
        Checks.range("console.liveMaxViewersPerCamera", liveMaxViewersPerCamera, 1, 1000);
        if (secureCookie == null) {
            throw new ConfigException("console.secureCookie", "must be auto or always");
        }
    }

    public ConsoleConfig withSessionIdleTimeout(Duration idle) {
        return new ConsoleConfig(idle, sessionAbsoluteTimeout, secureCookie, liveMaxViewersPerCamera);
    }

    public ConsoleConfig withLiveMaxViewersPerCamera(int max) {
        return new ConsoleConfig(sessionIdleTimeout, sessionAbsoluteTimeout, secureCookie, max);
    }
}
