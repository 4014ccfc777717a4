package org.carewatch.tools.bench.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.carewatch.tools.clip.ClipGenerator;
import org.carewatch.tools.clip.ClipSpec;
import org.carewatch.tools.clip.TestClip;
import org.carewatch.ingest.media.AccessUnit;
import org.carewatch.ingest.media.Codec;
import org.carewatch.ingest.media.KeyframeCache;
import org.carewatch.ingest.media.StreamFacts;
import org.carewatch.ingest.rtp.Depacketizer;
import org.carewatch.ingest.rtp.DepacketizerLimits;
import org.carewatch.ingest.rtp.Depacketizers;
import org.carewatch.ingest.rtp.Packetizer;
import org.carewatch.ingest.rtp.Packetizers;
import org.carewatch.ingest.rtp.RtpPacket;
import org.carewatch.ingest.sdp.MediaTrack;
import org.carewatch.ingest.stream.TrackReceiver;

/**
 * The cost of holding a stream without decoding: RTP bytes → {@link TrackReceiver} (parse → depacketizer →
 * {@link KeyframeCache} + {@link StreamFacts}), on one thread, over a generated 640x360 clip; with
 * {@code --path depacketizer}, {@link RtpPacket#parse(byte[])} and a full depacketizer instead. Prints
 * packets/s, how many such cameras one core could hold, and heap bytes allocated per packet. Usage:
 * {@code DepacketizeBench [--seconds 10] [--codec h264|h265] [--path receiver|depacketizer] [--cache DIR]}.
 */
public final class DepacketizeBench {

    private DepacketizeBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        Codec codec = Codec.H264;
        Path cache = Path.of("target/bench-clips");
        String path = "receiver";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--codec" -> codec = Codec.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--cache" -> cache = Path.of(args[i + 1]);
                case "--path" -> path = args[i + 1].toLowerCase(Locale.ROOT);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        TestClip clip = ClipGenerator.generate(new ClipSpec(codec, 640, 360, 25, 25, 10), cache);
        Packetizer packetizer = Packetizers.forCodec(codec, 96, 1);
        List<byte[]> wire = new ArrayList<>();
        long bytes = 0;
        for (AccessUnit au : clip.accessUnits()) {
            for (RtpPacket p : packetizer.packetize(au, au.rtpTimestamp())) {
                byte[] b = p.encode();
                wire.add(b);
                bytes += b.length;
            }
        }
        double clipSeconds = clip.accessUnits().size() / (double) clip.fps();
        double cameraPacketsPerSecond = wire.size() / clipSeconds;

        KeyframeCache cache1 = new KeyframeCache(codec, clip.parameterSets());
        StreamFacts facts = new StreamFacts(codec);
        long[] delivered = new long[1];
        Depacketizer d;
        // "receiver": what a held stream runs per packet on the event loop (TrackReceiver over a ByteBuf).
        // "depacketizer": RtpPacket.parse(byte[]) and a full depacketizer, as this bench measured at first.
        ByteBuf[] bufs = new ByteBuf[wire.size()];
        TrackReceiver receiver = null;
        if (path.equals("receiver")) {
            MediaTrack track = new MediaTrack("video", 96, codec.rtpEncodingName(), 90_000, Map.of(),
                    URI.create("rtsp://bench/track1"), clip.parameterSets());
            receiver = new TrackReceiver(track, cache1, facts, Clock.systemUTC());
            d = receiver.depacketizer();
            for (int i = 0; i < bufs.length; i++) {
                bufs[i] = Unpooled.wrappedBuffer(wire.get(i)); // shares the array: renumbering shows through
            }
        } else if (path.equals("depacketizer")) {
            d = Depacketizers.forCodec(codec, clip.parameterSets(), DepacketizerLimits.DEFAULT, au -> {
                Instant now = Instant.now();
                cache1.offer(au, now);
                facts.onAccessUnit(au, now);
                delivered[0]++;
            });
        } else {
            throw new IllegalArgumentException("--path receiver|depacketizer");
        }
        long packets = 0;
        long warmupEnd = System.nanoTime() + 2_000_000_000L;
        long start = 0;
        long allocStart = 0;
        long end = Long.MAX_VALUE;
        boolean measuring = false;
        // Sequence numbers of a looping clip restart; renumber so the depacketizer sees one continuous stream.
        int seq = 0;
        outer:
        while (true) {
            for (int k = 0; k < bufs.length; k++) {
                byte[] b = wire.get(k);
                b[2] = (byte) (seq >> 8);
                b[3] = (byte) seq;
                seq = (seq + 1) & 0xFFFF;
                if (receiver != null) {
                    receiver.onRtp(bufs[k]);
                } else {
                    RtpPacket p = RtpPacket.parse(b);
                    facts.onPacket(p.payload().length, Instant.now());
                    d.accept(p);
                }
                if (measuring) {
                    packets++;
                }
                if ((packets & 1023) == 0) {
                    long now = System.nanoTime();
                    if (!measuring && now >= warmupEnd) {
                        measuring = true;
                        allocStart = HeapChurn.currentThreadAllocatedBytes();
                        start = now;
                        end = now + seconds * 1_000_000_000L;
                    } else if (measuring && now >= end) {
                        break outer;
                    }
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long allocated = HeapChurn.currentThreadAllocatedBytes() - allocStart;
        double pps = packets / elapsed;
        System.out.printf(Locale.ROOT,
                "{\"bench\":\"depacketize\",\"path\":\"%s\",\"codec\":\"%s\",\"packets_per_s\":%.0f,\"camera_packets_per_s\":%.1f,"
                        + "\"camera_kbit_per_s\":%.0f,\"cameras_per_core\":%.0f,\"alloc_bytes_per_packet\":%.1f,"
                        + "\"gaps\":%d,\"delivered_aus\":%d}%n",
                path, codec, pps, cameraPacketsPerSecond, bytes * 8 / clipSeconds / 1000, pps / cameraPacketsPerSecond,
                packets == 0 ? 0.0 : allocated / (double) packets, d.sequenceGaps(), receiver != null ? facts.snapshot().accessUnits() : delivered[0]);
    }
}
