package org.carewatch.tools.simulator.cameras;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.carewatch.tools.clip.ClipGenerator;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.rtsp.IngestEventLoop;
import org.carewatch.ingest.rtsp.RtspCodecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTSP camera simulator for tests, the demo and benchmarks: serves a pre-encoded clip at real-time pace as
 * {@code rtsp://HOST:PORT/cam/1 … /cam/N} over TCP interleaved or UDP, from one Netty server and one shared
 * timer; the clip is packetized once and shared by all cameras. Faults are switched per camera with
 * {@link #faults(int)}.
 */
public final class CameraSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CameraSimulator.class);

    private final SimulatorOptions options;
    private final IngestEventLoop loop;
    private final boolean ownsLoop;
    private final PacketizedClip clip;
    private final List<SimulatedCamera> cameras;
    private final AtomicInteger openConnections = new AtomicInteger();
    private Channel server;
    private Channel udpRtp;
    private Channel udpRtcp;
    private StreamTicker ticker;

    private CameraSimulator(SimulatorOptions options, IngestEventLoop loop, boolean ownsLoop, TestClip clip) {
        this.options = options;
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        this.clip = new PacketizedClip(clip);
        List<SimulatedCamera> list = new ArrayList<>(options.cameras());
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int frames = this.clip.frames().size();
        for (int i = 1; i <= options.cameras(); i++) {
            SimulatedCamera camera = new SimulatedCamera(i, random.nextLong(1L << 32), random.nextLong(1L << 32),
                    random.nextInt(frames), random.nextInt(1 << 16));
            options.credentials().ifPresent(camera.faults::requireDigest);
            list.add(camera);
        }
        this.cameras = List.copyOf(list);
    }

    /**
     * Generates (or loads from the cache) the clip of {@code options} and starts serving on its own event
     * loop group. Blocks while the clip is generated and the sockets bind: call it off any event loop.
     */
    public static CameraSimulator start(SimulatorOptions options) throws IOException {
        TestClip clip = ClipGenerator.generate(options.clip(), options.clipCacheDir());
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        IngestEventLoop loop = IngestEventLoop.create("carewatch-sim", threads);
        try {
            return start(options, clip, loop, true);
        } catch (RuntimeException e) {
            loop.close();
            throw e;
        }
    }

    /** Serves {@code clip} on an existing event loop group (not closed by {@link #close()}). */
    public static CameraSimulator start(SimulatorOptions options, TestClip clip, IngestEventLoop loop) {
        return start(options, clip, loop, false);
    }

    private static CameraSimulator start(SimulatorOptions options, TestClip clip, IngestEventLoop loop,
                                         boolean ownsLoop) {
        CameraSimulator simulator = new CameraSimulator(options, loop, ownsLoop, clip);
        simulator.bind();
        return simulator;
    }

    private void bind() {
        ServerBootstrap b = new ServerBootstrap()
                .group(loop.group())
                .channel(loop.serverSocketChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        openConnections.incrementAndGet();
                        ch.closeFuture().addListener(f -> openConnections.decrementAndGet());
                        RtspCodecs.install(ch.pipeline());
                        ch.pipeline().addLast(new SimulatorRtspHandler(CameraSimulator.this));
                    }
                });
        server = b.bind(new InetSocketAddress(options.bindHost(), options.port())).syncUninterruptibly().channel();
        udpRtp = bindUdp();
        udpRtcp = bindUdp();
        ticker = new StreamTicker(cameras, clip, udpRtp, options.sessionTimeout().toNanos());
        ticker.start(loop.group().next());
        log.info("camera simulator serving {} {} cameras at rtsp://{}:{}/cam/1..{}", cameras.size(), clip.codec(),
                options.bindHost(), port(), cameras.size());
    }

    private Channel bindUdp() {
        return new Bootstrap().group(loop.group()).channel(loop.datagramChannel())
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(io.netty.channel.ChannelHandlerContext ctx, DatagramPacket msg) {
                        // RTCP from clients is not needed.
                    }
                })
                .bind(new InetSocketAddress(options.bindHost(), 0)).syncUninterruptibly().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public int cameraCount() {
        return cameras.size();
    }

    public Codec codec() {
        return clip.codec();
    }

    /** {@code rtsp://HOST:PORT/cam/N}, without credentials. */
    public String url(int camera) {
        camera(camera, true);
        return "rtsp://" + options.bindHost() + ":" + port() + "/cam/" + camera;
    }

    /** The fault switches of camera {@code n} (1-based). */
    public CameraFaults faults(int camera) {
        return camera(camera, true).faults;
    }

    /** RTSP connections currently open. */
    public int openConnections() {
        return openConnections.get();
    }

    /** Sessions currently playing, over all cameras. */
    public int playingSessions() {
        int n = 0;
        for (SimulatedCamera c : cameras) {
            for (SimulatorSession s : c.sessions) {
                if (s.playing()) {
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.stop();
        }
        for (SimulatedCamera c : cameras) {
            c.closeAllConnections();
        }
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        if (udpRtp != null) {
            udpRtp.close();
            udpRtcp.close();
        }
        if (ownsLoop) {
            loop.close();
        }
    }

    SimulatedCamera camera(int n) {
        return n >= 1 && n <= cameras.size() ? cameras.get(n - 1) : null;
    }

    private SimulatedCamera camera(int n, boolean required) {
        SimulatedCamera c = camera(n);
        if (c == null && required) {
            throw new IllegalArgumentException("no camera " + n + " (1.." + cameras.size() + ")");
        }
        return c;
    }

    int udpRtpPort() {
        return ((InetSocketAddress) udpRtp.localAddress()).getPort();
    }

    int udpRtcpPort() {
        return ((InetSocketAddress) udpRtcp.localAddress()).getPort();
    }

    long sessionTimeoutSeconds() {
        return options.sessionTimeout().toSeconds();
    }

    String sdp(SimulatedCamera camera) {
        String encoding = clip.codec().rtpEncodingName();
        return "v=0\r\n"
                + "o=- " + camera.ssrc + " 1 IN IP4 " + options.bindHost() + "\r\n"
                + "s=CareWatch simulated camera " + camera.index + "\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\n"
                + "a=control:*\r\n"
                + "a=range:npt=0-\r\n"
                + "m=video 0 RTP/AVP " + PacketizedClip.PAYLOAD_TYPE + "\r\n"
                + "a=rtpmap:" + PacketizedClip.PAYLOAD_TYPE + " " + encoding + "/90000\r\n"
                + "a=fmtp:" + PacketizedClip.PAYLOAD_TYPE + " " + clip.fmtp() + "\r\n"
                + "a=framerate:" + clip.fps() + "\r\n"
                + "a=control:trackID=0\r\n";
    }

    String jpegSdp(SimulatedCamera camera) {
        return "v=0\r\n"
                + "o=- " + camera.ssrc + " 1 IN IP4 " + options.bindHost() + "\r\n"
                + "s=CareWatch simulated MJPEG camera " + camera.index + "\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\n"
                + "a=control:*\r\n"
                + "m=video 0 RTP/AVP 26\r\n"
                + "a=rtpmap:26 JPEG/90000\r\n"
                + "a=control:trackID=0\r\n";
    }
}
