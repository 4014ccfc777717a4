package org.carewatch.ingest.rtsp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP TCP connection: sends requests with an increasing {@code CSeq}, matches responses to them, and
 * hands interleaved frames to a consumer on the event loop. Everything runs on the channel's event loop;
 * {@link #request} may be called from any thread.
 */
public final class RtspConnection {

    private static final Logger log = LoggerFactory.getLogger(RtspConnection.class);
    public static final String USER_AGENT = "CareWatch/0.1";
    private static final AttributeKey<RtspConnection> KEY = AttributeKey.valueOf(RtspConnection.class, "connection");

    private final Channel channel;
    private final Map<Integer, CompletableFuture<RtspResponse>> pending = new TreeMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Consumer<InterleavedFrame> frameConsumer = ReferenceCountUtil::release;
    private volatile RtspException closeCause;
    private int nextCseq = 1;

    private RtspConnection(Channel channel) {
        this.channel = channel;
    }

    /** Connects; fails with {@link SnapshotFailure#CONNECTION_REFUSED} or {@link SnapshotFailure#TIMEOUT}. */
    public static CompletableFuture<RtspConnection> connect(IngestEventLoop loop, String host, int port,
                                                            Duration connectTimeout) {
        return connect(loop, loop.group().next(), host, port, connectTimeout);
    }

    /** Connects on a given event loop of {@code loop} (so UDP receivers can share it). */
    public static CompletableFuture<RtspConnection> connect(IngestEventLoop loop, EventLoop eventLoop, String host,
                                                            int port, Duration connectTimeout) {
        return connect(loop, eventLoop, java.net.InetSocketAddress.createUnresolved(host, port), connectTimeout);
    }

    /**
     * Connects to {@code address}: an already resolved (and checked) address is connected to as it is, never
     * resolved again.
     */
    public static CompletableFuture<RtspConnection> connect(IngestEventLoop loop, EventLoop eventLoop,
                                                            java.net.InetSocketAddress address, Duration connectTimeout) {
        CompletableFuture<RtspConnection> result = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(eventLoop)
                .channel(loop.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        loop.trackChannel(ch);
                        RtspCodecs.install(ch.pipeline());
                        RtspConnection connection = new RtspConnection(ch);
                        ch.attr(KEY).set(connection);
                        ch.pipeline().addLast("rtsp-client", connection.new Handler());
                    }
                });
        ChannelFuture f = b.connect(address);
        f.addListener(done -> {
            if (done.isSuccess()) {
                result.complete(f.channel().attr(KEY).get());
            } else {
                result.completeExceptionally(RtspException.of(done.cause()));
            }
        });
        return result;
    }

    public Channel channel() {
        return channel;
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Completes when the connection is closed, for whatever reason. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /** Receives interleaved frames (on the event loop); the consumer must release them. */
    public void onFrame(Consumer<InterleavedFrame> consumer) {
        this.frameConsumer = consumer;
    }

    /**
     * Sends a request; {@code headers} are added to CSeq and User-Agent. The future completes on the event
     * loop, with {@link SnapshotFailure#TIMEOUT} when no response came within {@code timeout}.
     */
    public CompletableFuture<RtspResponse> request(HttpMethod method, String uri, HttpHeaders headers,
                                                   Duration timeout) {
        CompletableFuture<RtspResponse> response = new CompletableFuture<>();
        if (channel.eventLoop().inEventLoop()) {
            send(method, uri, headers, response, timeout);
        } else {
            channel.eventLoop().execute(() -> send(method, uri, headers, response, timeout));
        }
        return response;
    }

    /** Writes one interleaved frame (e.g. an RTCP receiver report). */
    public void write(InterleavedFrame frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    public void close() {
        channel.close();
    }

    private void send(HttpMethod method, String uri, HttpHeaders headers, CompletableFuture<RtspResponse> response,
                      Duration timeout) {
        if (!channel.isActive()) {
            response.completeExceptionally(closeCause != null ? closeCause
                    : new RtspException(SnapshotFailure.CONNECTION_LOST, "connection closed"));
            return;
        }
        int cseq = nextCseq++;
        FullHttpRequest request = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, method, uri);
        request.headers().set(RtspHeader.CSEQ, cseq);
        request.headers().set(RtspHeader.USER_AGENT, USER_AGENT);
        if (headers != null) {
            request.headers().add(headers);
        }
        pending.put(cseq, response);
        ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> {
            if (pending.remove(cseq) != null) {
                response.completeExceptionally(new RtspException(SnapshotFailure.TIMEOUT,
                        "no response to " + method + " within " + timeout.toMillis() + " ms"));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        response.whenComplete((r, e) -> timer.cancel(false));
        log.trace("-> {} {} CSeq {}", method, uri, cseq);
        channel.writeAndFlush(request).addListener(w -> {
            if (!w.isSuccess()) {
                pending.remove(cseq);
                response.completeExceptionally(RtspException.of(w.cause()));
            }
        });
    }

    private void onResponse(FullHttpResponse msg) {
        Integer cseq = null;
        String header = msg.headers().get(RtspHeader.CSEQ);
        if (header != null) {
            try {
                cseq = Integer.parseInt(header.trim());
            } catch (NumberFormatException ignored) {
                // Falls back to the oldest pending request: RTSP 1.0 answers in order.
            }
        }
        CompletableFuture<RtspResponse> future;
        if (cseq != null) {
            future = pending.remove(cseq);
            if (future == null) {
                // A late answer to a request that already timed out (e.g. a keep-alive).
                log.debug("RTSP response with unknown CSeq {} dropped", cseq);
                return;
            }
        } else {
            Iterator<CompletableFuture<RtspResponse>> it = pending.values().iterator();
            if (!it.hasNext()) {
                log.debug("unsolicited RTSP response {} dropped", msg.status());
                return;
            }
            future = it.next();
            it.remove();
        }
        future.complete(RtspResponse.copyOf(msg));
    }

    private void failAll(RtspException cause) {
        for (CompletableFuture<RtspResponse> f : pending.values()) {
            f.completeExceptionally(cause);
        }
        pending.clear();
    }

    private final class Handler extends SimpleChannelInboundHandler<Object> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof InterleavedFrame frame) {
                frameConsumer.accept(frame.retain());
            } else if (msg instanceof HttpObject http && http.decoderResult().isFailure()) {
                fail(ctx, new RtspException(SnapshotFailure.PROTOCOL_ERROR, "malformed RTSP message"));
            } else if (msg instanceof FullHttpResponse response) {
                onResponse(response);
            } else if (msg instanceof FullHttpRequest request) {
                // Server-to-client requests (ANNOUNCE, GET_PARAMETER, ...) are not used; say so politely.
                var reply = new io.netty.handler.codec.http.DefaultFullHttpResponse(RtspVersions.RTSP_1_0,
                        RtspResponseStatuses.NOT_IMPLEMENTED);
                String cseq = request.headers().get(RtspHeader.CSEQ);
                if (cseq != null) {
                    reply.headers().set(RtspHeader.CSEQ, cseq);
                }
                ctx.writeAndFlush(reply, ctx.voidPromise());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof DecoderException) {
                fail(ctx, new RtspException(SnapshotFailure.PROTOCOL_ERROR, cause.getMessage(), cause));
            } else {
                fail(ctx, RtspException.of(cause));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            RtspException cause = closeCause != null ? closeCause
                    : new RtspException(SnapshotFailure.CONNECTION_LOST, "connection closed");
            closeCause = cause;
            failAll(cause);
            closed.complete(null);
            ctx.fireChannelInactive();
        }

        private void fail(ChannelHandlerContext ctx, RtspException cause) {
            if (closeCause == null) {
                closeCause = cause;
            }
            log.debug("RTSP connection {} failed: {}", ctx.channel().remoteAddress(), cause.getMessage());
            failAll(cause);
            ctx.close();
        }
    }
}
