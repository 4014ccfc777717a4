package org.carewatch.alerts.lifecycle;

/** A photo attached to an alert's answer or comment. */
public record Attachment(long id, long alertId, String contentType, byte[] data) {
}
