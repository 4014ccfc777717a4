package org.carewatch.ingest.snapshot;

/** The FFmpeg build has no decoder (or encoder) for what was asked. */
public class UnsupportedCodecException extends SnapshotException {

    public UnsupportedCodecException(String message) {
        super(message);
    }
}
