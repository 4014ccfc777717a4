package org.carewatch.ui.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import org.carewatch.ingest.live.LiveViewer;

/**
 * A live viewer over a WebSocket: each segment is one binary message. Segments that arrive before the upgrade
 * completes (init + first picture) are held, bounded; after it, a full write queue makes the viewer
 * not writable, so the feed drops it to the next keyframe instead of queueing without limit.
 */
final class LiveViewerSocket implements LiveViewer {
    /** Outgoing bytes a viewer may have queued before it is dropped to the next keyframe. */
    static final int MAX_QUEUED_BYTES = 2 * 1024 * 1024;

    private final List<byte[]> early = new ArrayList<>();
    private int earlyBytes;
    private ServerWebSocket socket;

    /** Attaches the upgraded socket: the MIME type (text message) first, then what arrived meanwhile. */
    synchronized void attach(ServerWebSocket ws, String mimeType) {
        ws.setWriteQueueMaxSize(MAX_QUEUED_BYTES);
        ws.writeTextMessage("{\"mime\":\"" + mimeType.replace("\"", "\\\"") + "\"}");
        for (byte[] b : early) {
            ws.writeBinaryMessage(Buffer.buffer(b));
        }
        early.clear();
        socket = ws;
    }

    @Override
    public synchronized boolean writable() {
        return socket == null ? earlyBytes < MAX_QUEUED_BYTES : !socket.writeQueueFull();
    }

    @Override
    public synchronized void send(byte[] segment) {
        if (socket == null) {
            early.add(segment);
            earlyBytes += segment.length;
        } else if (!socket.isClosed()) {
            socket.writeBinaryMessage(Buffer.buffer(segment));
        }
    }
}
