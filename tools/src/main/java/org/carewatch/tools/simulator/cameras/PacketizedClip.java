package org.carewatch.tools.simulator.cameras;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.ParameterSets;
import org.carewatch.ingest.rtp.Packetizer;
import org.carewatch.ingest.rtp.Packetizers;
import org.carewatch.ingest.rtp.RtpPacket;

/**
 * A clip split into RTP payloads once, shared read-only by every simulated camera (each camera only adds
 * its own 12-byte RTP header per packet).
 */
final class PacketizedClip {

    static final int PAYLOAD_TYPE = 96;

    /** One packet's payload and marker bit. */
    record Packet(ByteBuf payload, boolean marker) {
    }

    /** One access unit: its timestamp offset within the clip and its packets. */
    record Frame(long pts90k, boolean keyframe, List<Packet> packets) {
    }

    private final Codec codec;
    private final int fps;
    private final long duration90k;
    private final List<Frame> frames;
    private final ParameterSets parameterSets;

    PacketizedClip(TestClip clip) {
        this.codec = clip.codec();
        this.fps = clip.fps();
        this.duration90k = clip.duration90k();
        this.parameterSets = clip.parameterSets();
        Packetizer packetizer = Packetizers.forCodec(codec, PAYLOAD_TYPE, 0);
        List<Frame> list = new ArrayList<>(clip.accessUnits().size());
        for (AccessUnit au : clip.accessUnits()) {
            List<Packet> packets = new ArrayList<>();
            for (RtpPacket p : packetizer.packetize(au, au.rtpTimestamp())) {
                packets.add(new Packet(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(p.payload()).asReadOnly()),
                        p.marker()));
            }
            list.add(new Frame(au.rtpTimestamp(), au.keyframe(), List.copyOf(packets)));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("clip has no access units");
        }
        this.frames = List.copyOf(list);
    }

    Codec codec() {
        return codec;
    }

    int fps() {
        return fps;
    }

    long duration90k() {
        return duration90k;
    }

    List<Frame> frames() {
        return frames;
    }

    /** The {@code a=fmtp} value announcing the parameter sets. */
    String fmtp() {
        Base64.Encoder b64 = Base64.getEncoder();
        if (codec == Codec.H264) {
            byte[] sps = parameterSets.sps();
            String profileLevel = sps.length >= 4 ? HexFormat.of().formatHex(sps, 1, 4) : "42e01f";
            return "packetization-mode=1;profile-level-id=" + profileLevel + ";sprop-parameter-sets="
                    + b64.encodeToString(sps) + "," + b64.encodeToString(parameterSets.pps());
        }
        return "sprop-vps=" + b64.encodeToString(parameterSets.vps()) + ";sprop-sps="
                + b64.encodeToString(parameterSets.sps()) + ";sprop-pps=" + b64.encodeToString(parameterSets.pps());
    }
}
