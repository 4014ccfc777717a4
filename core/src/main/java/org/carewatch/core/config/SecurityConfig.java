package org.carewatch.core.config;

import java.nio.file.Path;
import java.time.Duration;

public record SecurityConfig(Duration tokenTtl, Path credentialKeyFile, int maxFailedLogins, Duration lockoutWindow) {
    public SecurityConfig {
        Checks.positive("security.tokenTtl", tokenTtl);
        if (credentialKeyFile == null || credentialKeyFile.toString().isBlank()) {
            throw new ConfigException("security.credentialKeyFile", "must not be empty");
        }
        Checks.range("security.maxFailedLogins", maxFailedLogins, 1, 1000);
        Checks.positive("security.lockoutWindow", lockoutWindow);
    }
}
