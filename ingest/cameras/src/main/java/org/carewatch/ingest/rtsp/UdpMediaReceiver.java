package org.carewatch.ingest.rtsp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A pair of UDP sockets (even RTP port, RTP port + 1 for RTCP, RFC 3550 §11) that receives one track's RTP.
 * Datagrams from any host but the camera are dropped, so a stranger cannot inject video.
 */
public final class UdpMediaReceiver implements AutoCloseable {

    private static final int BIND_ATTEMPTS = 20;

    private final Channel rtp;
    private final Channel rtcp;
    private volatile InetAddress expectedSource;

    private UdpMediaReceiver(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    public int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    public int rtcpPort() {
        return ((InetSocketAddress) rtcp.localAddress()).getPort();
    }

    /** Binds a port pair on {@code eventLoop}; {@code sink} gets each RTP datagram's content (not retained). */
    public static CompletableFuture<UdpMediaReceiver> bind(IngestEventLoop loop, EventLoop eventLoop,
                                                           InetAddress localAddress, Consumer<ByteBuf> sink) {
        CompletableFuture<UdpMediaReceiver> result = new CompletableFuture<>();
        Holder holder = new Holder(sink);
        attempt(loop, eventLoop, localAddress, holder, result, BIND_ATTEMPTS);
        return result;
    }

    private static final class Holder {
        final Consumer<ByteBuf> sink;
        volatile UdpMediaReceiver receiver;

        Holder(Consumer<ByteBuf> sink) {
            this.sink = sink;
        }
    }

    private static void attempt(IngestEventLoop loop, EventLoop eventLoop, InetAddress local, Holder holder,
                                CompletableFuture<UdpMediaReceiver> result, int left) {
        Bootstrap rtpBootstrap = bootstrap(loop, eventLoop, new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                UdpMediaReceiver r = holder.receiver;
                if (r != null && r.accepts(packet.sender())) {
                    holder.sink.accept(packet.content());
                }
            }
        });
        // RTCP sender reports are not needed to play; they are read and dropped.
        Bootstrap rtcpBootstrap = bootstrap(loop, eventLoop, new SimpleChannelInboundHandler<DatagramPacket>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            }
        });
        ChannelFuture rtpBind = rtpBootstrap.bind(new InetSocketAddress(local, 0));
        rtpBind.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new RtspException(SnapshotFailure.CONNECTION_LOST,
                        "cannot bind a UDP port", f.cause()));
                return;
            }
            Channel rtp = rtpBind.channel();
            int port = ((InetSocketAddress) rtp.localAddress()).getPort();
            if (port % 2 != 0 || port == 65535) {
                rtp.close();
                retry(loop, eventLoop, local, holder, result, left);
                return;
            }
            ChannelFuture rtcpBind = rtcpBootstrap.bind(new InetSocketAddress(local, port + 1));
            rtcpBind.addListener(g -> {
                if (g.isSuccess()) {
                    UdpMediaReceiver receiver = new UdpMediaReceiver(rtp, rtcpBind.channel());
                    holder.receiver = receiver;
                    result.complete(receiver);
                } else {
                    rtp.close();
                    retry(loop, eventLoop, local, holder, result, left);
                }
            });
        });
    }

    private static void retry(IngestEventLoop loop, EventLoop eventLoop, InetAddress local, Holder holder,
                              CompletableFuture<UdpMediaReceiver> result, int left) {
        if (left <= 1) {
            result.completeExceptionally(new RtspException(SnapshotFailure.CONNECTION_LOST,
                    "no free even/odd UDP port pair"));
        } else {
            attempt(loop, eventLoop, local, holder, result, left - 1);
        }
    }

    private static Bootstrap bootstrap(IngestEventLoop loop, EventLoop eventLoop,
                                       SimpleChannelInboundHandler<DatagramPacket> handler) {
        return new Bootstrap().group(eventLoop).channel(loop.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(new io.netty.channel.ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        loop.trackChannel(ch);
                        ch.pipeline().addLast(handler);
                    }
                });
    }

    /** Only datagrams from this address are accepted (set once the camera's address is known). */
    public void expectSource(InetAddress address) {
        this.expectedSource = address;
    }

    private boolean accepts(InetSocketAddress sender) {
        InetAddress expected = expectedSource;
        return expected != null && sender != null && expected.equals(sender.getAddress());
    }

    public boolean isOpen() {
        return rtp.isOpen() || rtcp.isOpen();
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
