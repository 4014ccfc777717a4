package org.carewatch.ingest.snapshot;

/** The decoder pool is saturated (queue full) or closed; the caller should retry later (HTTP 503). */
public class SnapshotRejectedException extends SnapshotException {

    public SnapshotRejectedException(String message) {
        super(message);
    }
}
