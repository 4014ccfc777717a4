package org.carewatch.tools.simulator.cameras;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/** One RTSP session on the simulator: where its RTP goes and whether it plays. */
final class SimulatorSession {

    private final String id;
    private final SimulatedCamera camera;
    private final Channel control;
    private final int rtpChannel;
    private final InetSocketAddress udpTarget;
    private volatile boolean playing;
    private volatile long lastRequestNanos = System.nanoTime();

    /** TCP interleaved when {@code udpTarget} is null. */
    SimulatorSession(String id, SimulatedCamera camera, Channel control, int rtpChannel, InetSocketAddress udpTarget) {
        this.id = id;
        this.camera = camera;
        this.control = control;
        this.rtpChannel = rtpChannel;
        this.udpTarget = udpTarget;
    }

    String id() {
        return id;
    }

    SimulatedCamera camera() {
        return camera;
    }

    Channel control() {
        return control;
    }

    int rtpChannel() {
        return rtpChannel;
    }

    InetSocketAddress udpTarget() {
        return udpTarget;
    }

    boolean tcp() {
        return udpTarget == null;
    }

    boolean playing() {
        return playing;
    }

    void playing(boolean on) {
        playing = on;
    }

    void touch() {
        lastRequestNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastRequestNanos;
    }
}
