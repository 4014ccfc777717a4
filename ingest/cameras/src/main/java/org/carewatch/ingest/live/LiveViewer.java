package org.carewatch.ingest.live;

/**
 * One viewer of a camera's {@link LiveFeed} (e.g. a WebSocket). The feed calls it on the camera's event loop:
 * no method may block.
 */
public interface LiveViewer {

    /** False while the viewer's outgoing queue is over its bound: it is then dropped to the next keyframe. */
    boolean writable();

    /**
     * One segment: the init segment first (again when the stream's parameter sets change), then media
     * fragments. The array is shared with the other viewers: never modify it.
     */
    void send(byte[] segment);
}
