package org.carewatch.ingest.snapshot;

/** A snapshot could not be produced; subclasses say why. */
public class SnapshotException extends RuntimeException {

    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
