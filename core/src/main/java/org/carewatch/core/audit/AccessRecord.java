package org.carewatch.core.audit;

import java.time.Instant;

/**
 * One view or export of children's images: who, what, when and why; {@code durationMs} only on the row that
 * ends a live session (null otherwise).
 */
public record AccessRecord(Instant time, long userId, String username, String role, String action, String objectType, long objectId,
                           long centreId, String purpose, String client, Long durationMs) {

    public AccessRecord(Instant time, long userId, String username, String role, String action, String objectType, long objectId,
                        long centreId, String purpose, String client) {
        this(time, userId, username, role, action, objectType, objectId, centreId, purpose, client, null);
    }
}
