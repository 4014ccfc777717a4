package org.carewatch.core.users;

import java.time.Instant;

/**
 * A signed-in console session: who, the CSRF token its pages must send back with every change, and when it
 * ends at the latest. The session id itself is only in the browser's cookie (and hashed in the store).
 */
public record ConsoleSession(Principal principal, String csrfToken, Instant expiresAt) {
}
