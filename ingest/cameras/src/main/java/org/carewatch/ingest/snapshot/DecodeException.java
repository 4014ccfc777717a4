package org.carewatch.ingest.snapshot;

/** FFmpeg could not decode the keyframe (corrupt data, missing parameter sets) or encode the JPEG. */
public class DecodeException extends SnapshotException {

    public DecodeException(String message) {
        super(message);
    }
}
