package org.carewatch.tools.simulator.cameras;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One simulated camera: its faults, RTP identity and the sessions playing it. */
final class SimulatedCamera {

    final int index;
    final CameraFaults faults;
    final long ssrc;
    final long timestampBase;
    final int frameOffset;
    final Set<SimulatorSession> sessions = ConcurrentHashMap.newKeySet();
    /** Ticker-thread only. */
    long framesSent;
    /** Ticker-thread only; read by PLAY for RTP-Info (a stale value is harmless). */
    volatile int nextSequence;

    SimulatedCamera(int index, long ssrc, long timestampBase, int frameOffset, int firstSequence) {
        this.index = index;
        this.ssrc = ssrc;
        this.timestampBase = timestampBase;
        this.frameOffset = frameOffset;
        this.nextSequence = firstSequence;
        this.faults = new CameraFaults(this::closeAllConnections);
    }

    void closeAllConnections() {
        for (SimulatorSession s : sessions) {
            s.control().close();
        }
    }
}
