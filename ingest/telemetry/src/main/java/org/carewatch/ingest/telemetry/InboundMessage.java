package org.carewatch.ingest.telemetry;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One MQTT message as taken off Paho's callback thread, with what is needed to acknowledge it later.
 *
 * @param stored for a message of a life-safety device: completed once the {@link LifeSafetyLane} has
 *               stored (or spooled) it; the routine path then only acknowledges it, in arrival order.
 *               Null for every other message.
 */
record InboundMessage(String topic, byte[] payload, int qos, int messageId, long connectionEpoch, Instant receivedAt,
                      long receivedNanos, CompletableFuture<Void> stored) {

    boolean prioritized() {
        return stored != null;
    }
}
