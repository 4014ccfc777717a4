package org.carewatch.core.config;

import java.time.Duration;

/** The browser console's sessions: idle and absolute timeouts and the cookie's Secure attribute. */
public record ConsoleConfig(Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout, SecureCookie secureCookie) {
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
        if (secureCookie == null) {
            throw new ConfigException("console.secureCookie", "must be auto or always");
        }
    }

    public ConsoleConfig withSessionIdleTimeout(Duration idle) {
        return new ConsoleConfig(idle, sessionAbsoluteTimeout, secureCookie);
    }
}
