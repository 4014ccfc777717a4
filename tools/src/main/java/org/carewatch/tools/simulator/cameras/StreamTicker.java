package org.carewatch.tools.simulator.cameras;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.carewatch.ingest.rtp.RtpPacket;
import org.carewatch.ingest.rtsp.InterleavedFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one timer that paces every simulated camera: each tick sends the frames that are due at real-time
 * pace, to every playing session of every camera, then flushes the touched sockets once. It also closes
 * sessions that outlived their timeout without a request (so a client's keep-alive is really tested).
 */
final class StreamTicker {

    private static final Logger log = LoggerFactory.getLogger(StreamTicker.class);
    private static final byte[] NO_PAYLOAD = new byte[0];

    private final List<SimulatedCamera> cameras;
    private final PacketizedClip clip;
    private final Channel udpRtp;
    private final long sessionTimeoutNanos;
    private final long startNanos = System.nanoTime();
    private long lastExpiryCheck = startNanos;
    private ScheduledFuture<?> task;

    StreamTicker(List<SimulatedCamera> cameras, PacketizedClip clip, Channel udpRtp, long sessionTimeoutNanos) {
        this.cameras = cameras;
        this.clip = clip;
        this.udpRtp = udpRtp;
        this.sessionTimeoutNanos = sessionTimeoutNanos;
    }

    void start(EventLoop loop) {
        long periodMicros = Math.max(1000, 1_000_000L / Math.max(1, clip.fps()) / 2);
        task = loop.scheduleAtFixedRate(this::tick, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            long due = (now - startNanos) * clip.fps() / 1_000_000_000L;
            Set<Channel> touched = new HashSet<>();
            for (SimulatedCamera camera : cameras) {
                if (due - camera.framesSent > clip.fps()) {
                    camera.framesSent = due - 1; // fell behind by over a second: skip rather than burst
                }
                while (camera.framesSent < due) {
                    sendFrame(camera, camera.framesSent++, touched);
                }
            }
            for (Channel c : touched) {
                c.flush();
            }
            if (now - lastExpiryCheck > 500_000_000L) {
                lastExpiryCheck = now;
                expireSessions();
            }
        } catch (RuntimeException e) {
            log.warn("simulator tick failed", e);
        }
    }

    private void sendFrame(SimulatedCamera camera, long n, Set<Channel> touched) {
        CameraFaults faults = camera.faults;
        if (camera.sessions.isEmpty() || faults.stalled()) {
            return;
        }
        List<PacketizedClip.Frame> frames = clip.frames();
        long position = n + camera.frameOffset;
        PacketizedClip.Frame frame = frames.get((int) (position % frames.size()));
        if (frame.keyframe() && faults.noKeyframes()) {
            return;
        }
        long timestamp = (camera.timestampBase + (position / frames.size()) * clip.duration90k() + frame.pts90k())
                & 0xFFFFFFFFL;
        double loss = faults.packetLossPercent();
        for (PacketizedClip.Packet p : frame.packets()) {
            int seq = camera.nextSequence;
            camera.nextSequence = (seq + 1) & 0xFFFF;
            if (loss > 0 && ThreadLocalRandom.current().nextDouble(100) < loss) {
                continue;
            }
            ByteBuf header = Unpooled.buffer(RtpPacket.FIXED_HEADER_SIZE);
            new RtpPacket(p.marker(), PacketizedClip.PAYLOAD_TYPE, seq, timestamp, camera.ssrc, NO_PAYLOAD)
                    .encodeTo(header);
            ByteBuf packet = Unpooled.wrappedBuffer(header, p.payload().retainedDuplicate());
            try {
                for (SimulatorSession s : camera.sessions) {
                    if (!s.playing()) {
                        continue;
                    }
                    if (s.tcp()) {
                        Channel c = s.control();
                        if (c.isActive() && c.isWritable()) {
                            c.write(new InterleavedFrame(s.rtpChannel(), packet.retainedDuplicate()), c.voidPromise());
                            touched.add(c);
                        }
                    } else if (udpRtp.isActive()) {
                        udpRtp.write(new DatagramPacket(packet.retainedDuplicate(), s.udpTarget()), udpRtp.voidPromise());
                        touched.add(udpRtp);
                    }
                }
            } finally {
                packet.release();
            }
        }
    }

    private void expireSessions() {
        for (SimulatedCamera camera : cameras) {
            for (SimulatorSession s : camera.sessions) {
                if (s.idleNanos() > sessionTimeoutNanos) {
                    log.debug("session {} of camera {} timed out", s.id(), camera.index);
                    camera.sessions.remove(s);
                    s.control().close();
                }
            }
        }
    }
}
