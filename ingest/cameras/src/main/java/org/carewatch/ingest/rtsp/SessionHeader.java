package org.carewatch.ingest.rtsp;

import java.time.Duration;
import java.util.Optional;

/**
 * The RTSP {@code Session} header: {@code id[;timeout=seconds]} (RFC 2326 §12.37). Without a timeout the
 * default of 60 s applies.
 */
public record SessionHeader(String id, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_ID_LENGTH = 256;

    public static Optional<SessionHeader> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.split(";", -1); // ";;" keeps its pieces (an empty array would throw)
        String id = parts[0].trim();
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            return Optional.empty();
        }
        Duration timeout = DEFAULT_TIMEOUT;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.regionMatches(true, 0, "timeout=", 0, 8)) {
                try {
                    long seconds = Long.parseLong(p.substring(8).trim());
                    if (seconds > 0 && seconds <= 86_400) {
                        timeout = Duration.ofSeconds(seconds);
                    }
                } catch (NumberFormatException ignored) {
                    // A broken timeout is treated as absent; the default keeps the session alive.
                }
            }
        }
        return Optional.of(new SessionHeader(id, timeout));
    }
}
