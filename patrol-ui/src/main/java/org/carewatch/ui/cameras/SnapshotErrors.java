package org.carewatch.ui.cameras;

import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.snapshot.SnapshotRejectedException;
import org.carewatch.ingest.snapshot.UnsupportedCodecException;
import org.carewatch.ui.http.ApiError;

/**
 * Why a snapshot failed, as an API error naming the cause in general terms (never a stack trace, a credential,
 * or what answered at the address): refused by the outbound policy, unreachable (nothing listening, or
 * something that is not a camera), timeout, or what a camera itself said (auth failed, no such stream,
 * unsupported codec).
 */
public final class SnapshotErrors {
    private SnapshotErrors() {
    }

    public static ApiError of(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ApiError a) {
                return a;
            }
            if (c instanceof SnapshotRejectedException) {
                return new ApiError(503, "busy", "too many snapshots are being decoded; retry shortly", null);
            }
            if (c instanceof UnsupportedCodecException) {
                return new ApiError(422, "camera_unsupported", "unsupported codec: the camera offers no H.264 or H.265 video", null);
            }
            if (c instanceof org.carewatch.core.errors.NotFoundException || c instanceof java.sql.SQLException
                    || c instanceof org.carewatch.core.errors.InvalidInputException || c instanceof org.carewatch.core.errors.ForbiddenException
                    || c instanceof org.carewatch.core.errors.ConflictException) {
                return null; // the service's own answer (400, 403, 404, ...), not the camera's
            }
        }
        RtspException e = RtspException.of(t);
        return switch (e.failure()) {
            case REFUSED_BY_POLICY -> new ApiError(422, "camera_refused", "refused by policy", null);
            case CONNECTION_REFUSED, PROTOCOL_ERROR, CONNECTION_LOST -> new ApiError(503, "camera_unreachable", "unreachable", null);
            case UNSUPPORTED_CODEC -> new ApiError(422, "camera_unsupported", e.failure().message(), null);
            case TIMEOUT -> new ApiError(504, "camera_timeout", e.failure().message(), null);
            default -> new ApiError(503, "camera_unavailable", e.failure().message(), null);
        };
    }
}
