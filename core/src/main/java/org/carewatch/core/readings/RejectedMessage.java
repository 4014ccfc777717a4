package org.carewatch.core.readings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A message that was not used, as kept in {@code rejected_messages}: never the whole payload. */
public record RejectedMessage(Instant time, String topic, RejectKind kind, String reason, int payloadBytes, String excerpt) {
    static final int EXCERPT_CHARS = 200;
    static final int TEXT_CHARS = 500;

    public RejectedMessage {
        topic = clip(topic == null ? "" : topic, TEXT_CHARS);
        reason = clip(reason == null ? "" : reason, TEXT_CHARS);
        excerpt = clip(excerpt == null ? "" : excerpt, EXCERPT_CHARS);
    }

    /** Builds one from raw bytes: the start of the payload as text with control characters replaced. */
    public static RejectedMessage of(Instant time, String topic, RejectKind kind, String reason, byte[] payload) {
        int n = payload == null ? 0 : payload.length;
        String text = n == 0 ? "" : new String(payload, 0, Math.min(n, EXCERPT_CHARS * 2), StandardCharsets.UTF_8);
        return new RejectedMessage(time, topic, kind, reason, n, text);
    }

    private static String clip(String s, int max) {
        String clean = s.replaceAll("[\\p{Cntrl}\\x{FFFD}&&[^\\n]]", "?").replace('\n', ' ');
        return clean.length() > max ? clean.substring(0, max) : clean;
    }
}
