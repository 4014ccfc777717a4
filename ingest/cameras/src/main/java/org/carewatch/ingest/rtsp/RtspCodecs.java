package org.carewatch.ingest.rtsp;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;

/**
 * Installs the RTSP message codecs that let RTSP messages and interleaved {@code $} frames share one TCP
 * connection. Inbound the pipeline yields {@code FullHttpResponse}/{@code FullHttpRequest} and
 * {@link InterleavedFrame}; outbound it accepts full RTSP messages and {@link InterleavedFrame}.
 * Used by the client and by the camera simulator.
 */
public final class RtspCodecs {

    public static final int MAX_MESSAGE_BODY = 256 * 1024;

    private RtspCodecs() {
    }

    public static void install(ChannelPipeline pipeline) {
        pipeline.addLast("rtsp-frame-encoder", InterleavedFrameEncoder.INSTANCE);
        pipeline.addLast("rtsp-splitter", new InterleavedFrameSplitter(16 * 1024, MAX_MESSAGE_BODY));
        pipeline.addLast("rtsp-decoder", new RtspDecoder(4096, 16 * 1024, MAX_MESSAGE_BODY));
        pipeline.addLast("rtsp-aggregator", new HttpObjectAggregator(MAX_MESSAGE_BODY));
        pipeline.addLast("rtsp-encoder", new RtspEncoder());
    }
}
