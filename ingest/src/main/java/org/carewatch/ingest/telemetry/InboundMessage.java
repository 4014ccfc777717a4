package org.carewatch.ingest.telemetry;

import java.time.Instant;

/** One MQTT message as taken off Paho's callback thread, with what is needed to acknowledge it later. */
record InboundMessage(String topic, byte[] payload, int qos, int messageId, long connectionEpoch, Instant receivedAt,
                      long receivedNanos) {
}
