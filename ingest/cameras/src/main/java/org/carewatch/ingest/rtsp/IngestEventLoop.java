package org.carewatch.ingest.rtsp;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One Netty event loop group shared by every camera connection (and by the simulator), with the matching
 * channel classes: native epoll on Linux when available, NIO otherwise.
 */
public final class IngestEventLoop implements AutoCloseable {

    private final EventLoopGroup group;
    private final boolean epoll;
    private final ChannelGroup channels;

    private IngestEventLoop(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
        this.channels = new DefaultChannelGroup("ingest-channels", GlobalEventExecutor.INSTANCE);
    }

    /**
     * Every socket opened through this group by the RTSP client, UDP receivers and the simulator; closed
     * channels leave it by themselves, so {@code channels().size()} counts open sockets (leak checks).
     */
    public ChannelGroup channels() {
        return channels;
    }

    /** Adds a channel to {@link #channels()}. */
    public void trackChannel(Channel channel) {
        channels.add(channel);
    }

    /** A new group with {@code threads} event loops (0 = Netty's default, 2 × cores). */
    public static IngestEventLoop create(String name, int threads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new IngestEventLoop(new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), factory),
                epoll);
    }

    public EventLoopGroup group() {
        return group;
    }

    public boolean epoll() {
        return epoll;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends ServerChannel> serverSocketChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
