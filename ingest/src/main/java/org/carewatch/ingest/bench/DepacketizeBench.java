package org.carewatch.ingest.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.carewatch.ingest.clip.ClipGenerator;
import org.carewatch.ingest.clip.ClipSpec;
import org.carewatch.ingest.clip.TestClip;
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

/**
 * The cost of holding a stream without decoding: RTP bytes → {@link RtpPacket#parse} → depacketizer →
 * {@link KeyframeCache} + {@link StreamFacts}, on one thread, over a generated 640x360 clip. Prints
 * packets/s and how many such cameras one core could hold. Usage: {@code DepacketizeBench [--seconds 10]
 * [--codec h264|h265] [--cache DIR]}.
 */
public final class DepacketizeBench {

    private DepacketizeBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = 10;
        Codec codec = Codec.H264;
        Path cache = Path.of("target/bench-clips");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--codec" -> codec = Codec.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--cache" -> cache = Path.of(args[i + 1]);
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
        Depacketizer d = Depacketizers.forCodec(codec, clip.parameterSets(), DepacketizerLimits.DEFAULT, au -> {
            Instant now = Instant.now();
            cache1.offer(au, now);
            facts.onAccessUnit(au, now);
            delivered[0]++;
        });
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
            for (byte[] b : wire) {
                b[2] = (byte) (seq >> 8);
                b[3] = (byte) seq;
                seq = (seq + 1) & 0xFFFF;
                RtpPacket p = RtpPacket.parse(b);
                facts.onPacket(p.payload().length, Instant.now());
                d.accept(p);
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
                "{\"bench\":\"depacketize\",\"codec\":\"%s\",\"packets_per_s\":%.0f,\"camera_packets_per_s\":%.1f,"
                        + "\"camera_kbit_per_s\":%.0f,\"cameras_per_core\":%.0f,\"alloc_bytes_per_packet\":%.1f,"
                        + "\"gaps\":%d,\"delivered_aus\":%d}%n",
                codec, pps, cameraPacketsPerSecond, bytes * 8 / clipSeconds / 1000, pps / cameraPacketsPerSecond,
                packets == 0 ? 0.0 : allocated / (double) packets, d.sequenceGaps(), delivered[0]);
    }
}
