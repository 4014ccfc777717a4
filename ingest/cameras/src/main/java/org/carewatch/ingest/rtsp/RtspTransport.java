package org.carewatch.ingest.rtsp;

/** How RTP travels: inside the RTSP TCP connection (the default, firewall-friendly) or over UDP. */
public enum RtspTransport {
    TCP, UDP;

    public static RtspTransport parse(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            default -> throw new IllegalArgumentException("transport must be tcp or udp, not " + s);
        };
    }
}
