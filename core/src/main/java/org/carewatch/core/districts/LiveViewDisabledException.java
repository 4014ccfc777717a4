package org.carewatch.core.districts;

import org.carewatch.core.errors.ForbiddenException;

/** The district's live-view policy is {@code disabled}: nobody may look at its cameras now (HTTP 403). */
public final class LiveViewDisabledException extends ForbiddenException {
    public LiveViewDisabledException() {
        super("live view (snapshots and live video) is disabled by the district's policy");
    }
}
