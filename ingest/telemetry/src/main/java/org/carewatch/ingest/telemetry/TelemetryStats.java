package org.carewatch.ingest.telemetry;

import java.util.Map;

/**
 * Counters of one pipeline since it started.
 *
 * @param received        messages taken from the broker
 * @param readings        readings accepted (committed or spooled)
 * @param rejected        rejected messages by kind code
 * @param overflow        QoS 0 messages dropped because the queue was full (QoS 1 never are)
 * @param acked           QoS 1 acknowledgements sent
 * @param queued          messages waiting to be processed now
 * @param spoolBytes      bytes waiting in the disk spool
 * @param deviceEvents    online/offline events emitted
 * @param timestampsRejected readings stamped more than telemetry.maxClockSkew in the future, kept with their arrival time
 */
public record TelemetryStats(long received, long readings, Map<String, Long> rejected, long overflow, long acked, int queued,
                             long spoolBytes, long deviceEvents, long timestampsRejected) {

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
}
