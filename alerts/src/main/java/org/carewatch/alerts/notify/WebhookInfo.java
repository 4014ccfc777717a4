package org.carewatch.alerts.notify;

import java.time.Instant;

/** A webhook as callers see it: never the secret, only its fingerprint ({@link WebhookSignature#fingerprint}). */
public record WebhookInfo(long id, Long districtId, String url, boolean active, String secretFingerprint, Instant createdAt,
                          Instant updatedAt) {
}
