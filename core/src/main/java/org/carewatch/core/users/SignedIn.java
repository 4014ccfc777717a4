package org.carewatch.core.users;

import java.time.Instant;

/** A new bearer token (shown to the client once) and who it signs in. */
public record SignedIn(String token, Instant expiresAt, Principal principal) {
}
