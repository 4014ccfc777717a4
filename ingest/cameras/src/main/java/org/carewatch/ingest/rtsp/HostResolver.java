package org.carewatch.ingest.rtsp;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * Turns a camera's host into the addresses to connect to. The node's resolver applies the outbound policy
 * (every address checked, refused with {@link SnapshotFailure#REFUSED_BY_POLICY}); the session connects only
 * to an address it returned, on every connection and redirect. Called on a virtual thread: may block.
 */
@FunctionalInterface
public interface HostResolver {
    /** The system resolver, unchecked: for the command line and tools, never for registered cameras. */
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws IOException;
}
