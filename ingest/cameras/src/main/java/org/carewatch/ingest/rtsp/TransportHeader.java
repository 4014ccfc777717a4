package org.carewatch.ingest.rtsp;

import java.util.Locale;
import java.util.Optional;

/**
 * The parts of an RTSP {@code Transport} header (RFC 2326 §12.39) that unicast RTP needs: TCP interleaved
 * channels or UDP client/server ports, and the SSRC if given. Only the first transport spec is read.
 */
public record TransportHeader(boolean tcp, int rtpChannel, int rtcpChannel,
                              int clientRtpPort, int clientRtcpPort,
                              int serverRtpPort, int serverRtcpPort,
                              Optional<Long> ssrc) {

    public static TransportHeader interleaved(int rtpChannel, int rtcpChannel) {
        return new TransportHeader(true, rtpChannel, rtcpChannel, -1, -1, -1, -1, Optional.empty());
    }

    public static TransportHeader udp(int clientRtpPort, int clientRtcpPort) {
        return new TransportHeader(false, -1, -1, clientRtpPort, clientRtcpPort, -1, -1, Optional.empty());
    }

    public TransportHeader withServerPorts(int rtp, int rtcp) {
        return new TransportHeader(tcp, rtpChannel, rtcpChannel, clientRtpPort, clientRtcpPort, rtp, rtcp, ssrc);
    }

    public TransportHeader withSsrc(long value) {
        return new TransportHeader(tcp, rtpChannel, rtcpChannel, clientRtpPort, clientRtcpPort, serverRtpPort,
                serverRtcpPort, Optional.of(value));
    }

    public String format() {
        StringBuilder b = new StringBuilder(tcp ? "RTP/AVP/TCP;unicast" : "RTP/AVP;unicast");
        if (tcp) {
            b.append(";interleaved=").append(rtpChannel).append('-').append(rtcpChannel);
        } else {
            b.append(";client_port=").append(clientRtpPort).append('-').append(clientRtcpPort);
            if (serverRtpPort >= 0) {
                b.append(";server_port=").append(serverRtpPort).append('-').append(serverRtcpPort);
            }
        }
        ssrc.ifPresent(s -> b.append(";ssrc=").append(String.format(Locale.ROOT, "%08X", s)));
        return b.toString();
    }

    /** Parses the first transport spec; empty when it is not unicast RTP/AVP or numbers are broken. */
    public static Optional<TransportHeader> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        // Limits keep empty pieces: ",," or ";;" must not leave an empty array (found by RtspResponseFuzzTest).
        String spec = header.split(",", 2)[0].trim();
        String[] parts = spec.split(";", -1);
        String protocol = parts[0].trim().toUpperCase(Locale.ROOT);
        boolean tcp;
        if (protocol.equals("RTP/AVP/TCP")) {
            tcp = true;
        } else if (protocol.equals("RTP/AVP") || protocol.equals("RTP/AVP/UDP")) {
            tcp = false;
        } else {
            return Optional.empty();
        }
        int[] interleaved = {-1, -1};
        int[] client = {-1, -1};
        int[] server = {-1, -1};
        Long ssrc = null;
        try {
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                int eq = p.indexOf('=');
                String key = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : p.substring(eq + 1).trim();
                switch (key) {
                    case "interleaved" -> range(value, interleaved, 255);
                    case "client_port" -> range(value, client, 65535);
                    case "server_port" -> range(value, server, 65535);
                    case "ssrc" -> ssrc = Long.parseLong(value, 16) & 0xFFFFFFFFL;
                    case "multicast" -> {
                        return Optional.empty();
                    }
                    default -> {
                        // mode, destination, source, ttl ... are not needed for unicast play.
                    }
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (tcp && interleaved[0] < 0) {
            interleaved[0] = 0;
            interleaved[1] = 1;
        }
        return Optional.of(new TransportHeader(tcp, interleaved[0], interleaved[1], client[0], client[1],
                server[0], server[1], Optional.ofNullable(ssrc)));
    }

    private static void range(String value, int[] out, int max) {
        String[] ends = value.split("-", -1);
        int a = Integer.parseInt(ends[0].trim());
        int b = ends.length > 1 && !ends[1].isBlank() ? Integer.parseInt(ends[1].trim()) : a + 1;
        if (a < 0 || a > max || b < 0 || b > max) {
            throw new NumberFormatException("out of range: " + value);
        }
        out[0] = a;
        out[1] = b;
    }
}
