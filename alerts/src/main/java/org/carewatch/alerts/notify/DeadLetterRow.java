package org.carewatch.alerts.notify;

import java.time.Instant;

/** A notice a webhook never received, as callers list it: with its payload (the JSON that was not delivered). */
public record DeadLetterRow(long id, long webhookId, long alertId, String event, int attempts, String lastError, Instant createdAt,
                            String payload) {
}
