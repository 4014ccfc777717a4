package org.carewatch.core.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Tokens, the credential key and sign-in throttling (see the {@code security} section of {@code defaults.yaml}).
 *
 * @param maxFailedLogins           failed sign-ins for one username from one client address before delays begin
 * @param lockoutWindow             a counter is forgotten after this long without a new failure
 * @param signInDelay               the first delay, doubled with each further failure
 * @param signInMaxDelay            the longest delay
 * @param maxFailedLoginsPerAddress failed sign-ins from one address, whatever the usernames, before delays begin
 * @param maxFailedLoginsPerUsername failed sign-ins for one username from all addresses before delays begin for
 *                                  addresses it has not signed in from
 * @param streamSessionCheck        how often live streams (server-sent events) re-check that their token is still valid
 */
public record SecurityConfig(Duration tokenTtl, Path credentialKeyFile, int maxFailedLogins, Duration lockoutWindow,
                             Duration signInDelay, Duration signInMaxDelay, int maxFailedLoginsPerAddress,
                             int maxFailedLoginsPerUsername, Duration streamSessionCheck) {
    public SecurityConfig {
        Checks.positive("security.tokenTtl", tokenTtl);
        if (credentialKeyFile == null || credentialKeyFile.toString().isBlank()) {
            throw new ConfigException("security.credentialKeyFile", "must not be empty");
        }
        Checks.range("security.maxFailedLogins", maxFailedLogins, 1, 1000);
        Checks.positive("security.lockoutWindow", lockoutWindow);
        Checks.positive("security.signInDelay", signInDelay);
        Checks.positive("security.signInMaxDelay", signInMaxDelay);
        if (signInMaxDelay.compareTo(signInDelay) < 0) {
            throw new ConfigException("security.signInMaxDelay", "must not be shorter than security.signInDelay");
        }
        Checks.range("security.maxFailedLoginsPerAddress", maxFailedLoginsPerAddress, 1, 100_000);
        Checks.range("security.maxFailedLoginsPerUsername", maxFailedLoginsPerUsername, 1, 100_000);
        Checks.positive("security.streamSessionCheck", streamSessionCheck);
    }
}
