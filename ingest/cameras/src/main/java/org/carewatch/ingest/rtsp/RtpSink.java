package org.carewatch.ingest.rtsp;

import io.netty.buffer.ByteBuf;

/**
 * Receives the RTP packets of the played track, on the session's event loop. The buffer is only valid
 * during the call (retain it to keep it); implementations must not block.
 */
@FunctionalInterface
public interface RtpSink {

    void onRtp(ByteBuf packet);
}
