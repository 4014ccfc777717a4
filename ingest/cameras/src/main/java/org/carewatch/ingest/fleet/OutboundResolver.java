package org.carewatch.ingest.fleet;

import org.carewatch.core.outbound.OutboundPolicy;
import org.carewatch.core.outbound.OutboundRefusedException;
import org.carewatch.core.outbound.OutboundTarget;
import org.carewatch.ingest.rtsp.HostResolver;
import org.carewatch.ingest.rtsp.RtspException;
import org.carewatch.ingest.rtsp.SnapshotFailure;

/** The RTSP client's resolver for registered cameras: the outbound policy's, a refusal as {@link SnapshotFailure#REFUSED_BY_POLICY}. */
public final class OutboundResolver {
    private OutboundResolver() {
    }

    public static HostResolver cameras(OutboundPolicy policy) {
        return host -> {
            try {
                return policy.resolve(OutboundTarget.CAMERA, host);
            } catch (OutboundRefusedException e) {
                throw new RtspException(SnapshotFailure.REFUSED_BY_POLICY, null, e);
            }
        };
    }
}
