package org.carewatch.core.audit;

import java.time.Instant;

/** One view or export of children's images: who, what, when and why. */
public record AccessRecord(Instant time, long userId, String username, String role, String action, String objectType, long objectId,
                           long centreId, String purpose, String client) {
}
